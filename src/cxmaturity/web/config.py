"""Settings read from environment variables, each through one small typed helper.

Every variable the app reads is declared once in `SETTINGS`, with its type, default
and meaning; docs/configuration.md is the same table, and a test keeps the two equal.
A bad value stops the app at start-up with the variable's name, never later.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs


class ConfigError(ValueError):
    """An environment variable holds a value the app cannot use."""


@dataclass(frozen=True)
class Setting:
    name: str
    kind: str
    default: str
    meaning: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "DATABASE_URL",
            "URL",
            "SQLite file in the data directory",
            "Where assessments are stored, e.g. `postgres://user@127.0.0.1:5432/cxm`. "
            "`cxm serve --database` overrides it.",
        ),
        Setting(
            "CXM_DATA_DIR",
            "path",
            "the per-user data directory (platformdirs)",
            "Folder of the default SQLite database and other local files.",
        ),
        Setting(
            "CXM_SECRET_KEY",
            "text",
            "a random key kept in the data directory",
            "Django's secret key; set it (the same on every process) when several app "
            "processes serve one database.",
        ),
        Setting("CXM_DEBUG", "bool", "false", "Django debug pages. Never on in production."),
        Setting(
            "CXM_ALLOWED_HOSTS",
            "list",
            "localhost,127.0.0.1,[::1]",
            "Comma-separated host names the app answers to.",
        ),
        Setting(
            "CXM_CSRF_TRUSTED_ORIGINS",
            "list",
            "(none)",
            "Comma-separated origins (scheme and host) trusted for form posts behind a proxy.",
        ),
        Setting(
            "CXM_SECURE_COOKIES",
            "bool",
            "false",
            "Send session and CSRF cookies over HTTPS only; turn on behind TLS.",
        ),
        Setting(
            "CXM_DB_CONN_MAX_AGE",
            "int",
            "60",
            "Seconds a database connection is kept between requests (0 closes it each time).",
        ),
        Setting("CXM_LOG_LEVEL", "text", "INFO", "Log level of the app's own messages."),
        Setting(
            "CXM_EMAIL_VERIFICATION",
            "text",
            "optional",
            "Whether new accounts must confirm their e-mail: `none`, `optional` or `mandatory`.",
        ),
        Setting(
            "CXM_LOGIN_FAILURE_LIMIT",
            "int",
            "5",
            "Failed log-ins (per e-mail and address) before a one-hour lockout.",
        ),
        Setting(
            "CXM_SMTP_HOST",
            "text",
            "(none: e-mails are printed to the console)",
            "SMTP server for invitations, reminders and password resets.",
        ),
        Setting("CXM_SMTP_PORT", "int", "587", "SMTP port."),
        Setting("CXM_SMTP_USER", "text", "(none)", "SMTP user name."),
        Setting("CXM_SMTP_PASSWORD", "text", "(none)", "SMTP password."),
        Setting("CXM_SMTP_TLS", "bool", "true", "Use STARTTLS with the SMTP server."),
        Setting(
            "CXM_EMAIL_FROM",
            "text",
            "cx-maturity <noreply@localhost>",
            "Sender of the e-mails the app sends.",
        ),
        Setting(
            "CXM_PEER_MIN_GROUP",
            "int",
            "5",
            "Smallest peer group whose figures are shown (at least 3).",
        ),
    )
}


def _raw(name: str) -> str | None:
    if name not in SETTINGS:
        raise KeyError(f"{name} is not declared in SETTINGS")
    value = os.environ.get(name)
    return value.strip() if value is not None and value.strip() else None


def env_str(name: str, default: str) -> str:
    return _raw(name) or default


def env_optional(name: str) -> str | None:
    return _raw(name)


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={value!r}: expected true or false")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r}: expected a whole number") from None
    if number < minimum:
        raise ConfigError(f"{name}={value!r}: expected at least {minimum}")
    return number


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ConfigError(f"{name}={value!r}: expected one of {', '.join(choices)}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def data_dir() -> Path:
    """The folder for the SQLite file and the generated secret key, created on first use."""
    configured = env_optional("CXM_DATA_DIR")
    path = Path(configured) if configured else Path(platformdirs.user_data_dir("cx-maturity"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> str:
    """The configured key, or one generated once and kept beside the database."""
    configured = env_optional("CXM_SECRET_KEY")
    if configured:
        return configured
    keyfile = data_dir() / "secret_key"
    try:  # exclusive create: two processes starting at once agree on one key
        fd = os.open(keyfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return keyfile.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(50))
    return keyfile.read_text(encoding="utf-8").strip()
