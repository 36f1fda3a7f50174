"""Settings, migrations and the documented configuration table."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from cxmaturity.web import config

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_are_committed_for_every_model_change() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_migrations_run_backwards_and_forwards() -> None:
    call_command("migrate", "assessments", "zero", verbosity=0)
    assert "assessments_answer" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "assessments_answer" in connection.introspection.table_names()


def test_sqlite_runs_in_wal_mode_with_immediate_transactions() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings only")
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_every_setting_is_in_the_documented_table() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([A-Z_]+)` \| (\w+) \| (.+?) \| (.+?) \|$", doc, flags=re.M)
    assert [(n, k, d, m) for n, k, d, m in documented] == [
        (s.name, s.kind, s.default, s.meaning) for s in config.SETTINGS.values()
    ]
    settings_source = (ROOT / "src/cxmaturity/web/settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'config\.env_\w+\(\s*"([A-Z_]+)"', settings_source))
    assert read <= set(config.SETTINGS)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CXM_DEBUG", "maybe", "CXM_DEBUG='maybe': expected true or false"),
        ("CXM_DB_CONN_MAX_AGE", "soon", "CXM_DB_CONN_MAX_AGE='soon': expected a whole number"),
        ("CXM_DB_CONN_MAX_AGE", "-1", "CXM_DB_CONN_MAX_AGE='-1': expected at least 0"),
    ],
)
def test_bad_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    read = config.env_bool if name == "CXM_DEBUG" else config.env_int
    with pytest.raises(config.ConfigError, match=re.escape(message)):
        read(name, 0)


def test_typed_helpers_read_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXM_DEBUG", "on")
    monkeypatch.setenv("CXM_ALLOWED_HOSTS", " a.example, b.example ,")
    monkeypatch.setenv("CXM_DB_CONN_MAX_AGE", "0")
    assert config.env_bool("CXM_DEBUG", False) is True
    assert config.env_list("CXM_ALLOWED_HOSTS", []) == ["a.example", "b.example"]
    assert config.env_int("CXM_DB_CONN_MAX_AGE", 60) == 0


def test_an_undeclared_variable_cannot_be_read() -> None:
    with pytest.raises(KeyError, match="not declared"):
        config.env_str("CXM_SOMETHING_NEW", "x")


def test_the_secret_key_is_made_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CXM_SECRET_KEY", raising=False)
    first = config.secret_key()
    assert len(first) >= 50
    assert config.secret_key() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_static_urls_are_djangos_own_worked_out_once() -> None:
    from django.contrib.staticfiles.storage import StaticFilesStorage, staticfiles_storage

    first = staticfiles_storage.url("cxm/app.css")
    assert first == StaticFilesStorage().url("cxm/app.css") == "/static/cxm/app.css"
    assert staticfiles_storage.url("cxm/app.css") is first
