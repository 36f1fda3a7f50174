"""Django settings, all read from the environment through `cxmaturity.web.config`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from . import config

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = config.secret_key()
DEBUG = config.env_bool("CXM_DEBUG", False)
ALLOWED_HOSTS = config.env_list("CXM_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = config.env_list("CXM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "cxmaturity.web.organizations",
    "cxmaturity.web.assessments",
    "cxmaturity.web.campaigns",
    "cxmaturity.web.benchmarks",
    "cxmaturity.web.plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "cxmaturity.web.urls"
WSGI_APPLICATION = "cxmaturity.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


def _database(url: str | None) -> dict[str, Any]:
    """PostgreSQL (or any dj-database-url URL) when given, else the local SQLite file.

    SQLite runs in WAL mode with a busy timeout and IMMEDIATE transactions, so that
    concurrent writers queue for the lock instead of failing with "database is locked".
    """
    max_age = config.env_int("CXM_DB_CONN_MAX_AGE", 60)
    if url is None:
        url = f"sqlite:///{config.data_dir() / 'cx-maturity.sqlite3'}"
    database: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=max_age, conn_health_checks=True)
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,
        }
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Parameters bound by the server, so that psycopg prepares a statement run often
        # on a connection (an answer's save, a results page's look-up) and PostgreSQL plans
        # it once per connection instead of on every request (bench/web).
        database["OPTIONS"] = {"server_side_binding": True}
    return database


DATABASES = {"default": _database(config.env_optional("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: e-mail and password through django-allauth.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = config.env_choice(
    "CXM_EMAIL_VERIFICATION", "optional", ("none", "optional", "mandatory")
)
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
LOGIN_REDIRECT_URL = "organizations:dashboard"
LOGIN_URL = "account_login"

# Login throttling kept in the database, so it holds across every app process.
AXES_FAILURE_LIMIT = config.env_int("CXM_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "cxmaturity.web.login_throttle.username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = config.env_optional("CXM_SMTP_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = config.env_int("CXM_SMTP_PORT", 587, minimum=1)
EMAIL_HOST_USER = config.env_str("CXM_SMTP_USER", "")
EMAIL_HOST_PASSWORD = config.env_str("CXM_SMTP_PASSWORD", "")
EMAIL_USE_TLS = config.env_bool("CXM_SMTP_TLS", True)
DEFAULT_FROM_EMAIL = config.env_str("CXM_EMAIL_FROM", "cx-maturity <noreply@localhost>")

# Peer benchmarks: the smallest peer group shown (never below 3).
CXM_PEER_MIN_GROUP = config.env_int("CXM_PEER_MIN_GROUP", 5, minimum=3)

# Background tasks (invitations, reminders) stored in the database; `cxm worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Content Security Policy: scripts only from the app itself; inline styles are allowed
# for the width of score bars and for vega-embed's own stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = None
STATICFILES_DIRS = [BASE_DIR / "static"]  # vendored browser libraries
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cxmaturity.web.static_storage.StaticStorage"},
}
# Whitenoise serves the files straight from the installed package: no collectstatic step
# on a newcomer's machine, and nothing to keep in sync after an upgrade.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SECURE_COOKIES = config.env_bool("CXM_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "cxmaturity": {"level": config.env_str("CXM_LOG_LEVEL", "INFO"), "propagate": True}
    },
}
