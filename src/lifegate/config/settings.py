# SPDX-License-Identifier: EUPL-1.2
"""Django settings, built only from the declarations in `lifegate.config.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lifegate.config import env
from lifegate.config.logging import configure_logging
from lifegate.config.secrets import home_folder, load_or_create_secret

HOME: Path = home_folder(env.HOME.read())
DEBUG = env.DEBUG.read()
SECRET_KEY = load_or_create_secret(HOME, "django-secret-key")
ALLOWED_HOSTS = list(env.ALLOWED_HOSTS.read())
PUBLIC_URL = env.PUBLIC_URL.read().rstrip("/")
CONTACT_EMAIL = env.CONTACT_EMAIL.read()
THEME_CSS = env.THEME_CSS.read()

INSTALLED_APPS = [
    "lifegate.identity.admin_config.OperatorAdminConfig",  # django.contrib.admin, TOTP sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "lifegate.core",
    "lifegate.catalog",
    "lifegate.demo",
    "lifegate.portal",
    "lifegate.identity",
    "lifegate.outbox",
    "lifegate.messagebox",
    "lifegate.credentials",
    "lifegate.ledger",
    "lifegate.registries",
    "lifegate.exchange",
    "lifegate.cases",
    "lifegate.assistant",
    "lifegate.opendata",
    "lifegate.rules",
    "lifegate.resilience",
    "lifegate.baseline",
]

MIDDLEWARE = [
    "lifegate.core.security_headers.SecurityHeadersMiddleware",
    "lifegate.core.middleware.ApiProblemMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lifegate.resilience.middleware.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lifegate.identity.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lifegate.portal.middleware.TooManyRequestsMiddleware",
]

ROOT_URLCONF = "lifegate.config.urls"
WSGI_APPLICATION = "lifegate.config.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lifegate.portal.context.portal_context",
                "lifegate.identity.context.identity_context",
            ],
        },
    },
]


_SUPPORTED_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def _parse_database_url(url: str) -> dict[str, Any]:
    hint = "Use the form postgres://USER@HOST:5432/NAME, or leave DATABASE_URL empty for SQLite."
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as error:  # the library raises several kinds for a malformed URL
        raise env.SettingError(
            f"DATABASE_URL is not a database URL lifegate can read. {hint}"
        ) from error
    if config.get("ENGINE") not in _SUPPORTED_ENGINES:
        raise env.SettingError(f"DATABASE_URL names a database lifegate does not support. {hint}")
    config.setdefault("OPTIONS", {})
    return config


def _database(url: str) -> dict[str, Any]:
    if url:
        return _parse_database_url(url)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(HOME / "lifegate.sqlite3"),
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids the
        # "database is locked" upgrade deadlock between two writers.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database(env.DATABASE_URL.read())}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing folder before collectstatic
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.SECURE_COOKIES.read()
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# ASVS 3.4.4: the __Host- prefix needs Secure; the local-HTTP demo cannot send it, so plain
# names are used only when secure cookies are off (see src/lifegate/identity/README.md).
_COOKIE_PREFIX = "__Host-" if SESSION_COOKIE_SECURE else ""
SESSION_COOKIE_NAME = f"{_COOKIE_PREFIX}lifegate-session"
CSRF_COOKIE_NAME = f"{_COOKIE_PREFIX}lifegate-csrf"
SESSION_COOKIE_AGE = env.SESSION_ABSOLUTE_HOURS.read() * 3600
SESSION_IDLE_SECONDS = env.SESSION_IDLE_MINUTES.read() * 60
OIDC_ISSUER = env.OIDC_ISSUER.read().rstrip("/")
OIDC_CLIENT_ID = env.OIDC_CLIENT_ID.read()
OIDC_CLIENT_KEY = env.OIDC_CLIENT_KEY.read()
OIDC_CLIENT_SECRET = env.OIDC_CLIENT_SECRET.read()
DEMO_EID = env.DEMO_EID.read()
MANDATE_NOTICE_DAYS = env.MANDATE_NOTICE_DAYS.read()
LEDGER_CHECKPOINT_ENTRIES = env.LEDGER_CHECKPOINT_ENTRIES.read()
LEDGER_CHECKPOINT_SECONDS = env.LEDGER_CHECKPOINT_SECONDS.read()
REGISTRY_URLS = env.REGISTRY_URLS.read()
EVIDENCE_PROVIDER_URL = env.EVIDENCE_PROVIDER_URL.read().rstrip("/")
EVIDENCE_TIMEOUT_SECONDS = env.EVIDENCE_TIMEOUT_SECONDS.read()
CREDENTIALS_STATUS_TTL = env.CREDENTIALS_STATUS_TTL.read()
CREDENTIALS_VALIDITY_DAYS = env.CREDENTIALS_VALIDITY_DAYS.read()
CREDENTIALS_TRUSTED_ISSUERS = env.CREDENTIALS_TRUSTED_ISSUERS.read()
CREDENTIALS_TRUSTED_LIST = env.CREDENTIALS_TRUSTED_LIST.read()
CREDENTIALS_ISSUER_KEYS_TTL = env.CREDENTIALS_ISSUER_KEYS_TTL.read()
ASSISTANT_SEMANTIC = env.ASSISTANT_SEMANTIC.read()
ASSISTANT_THREADS = env.ASSISTANT_THREADS.read()
ASSISTANT_MIN_COUNT = env.ASSISTANT_MIN_COUNT.read()
RATE_LIMIT_PER_SECOND = env.RATE_LIMIT_PER_SECOND.read()
RATE_LIMIT_BURST = env.RATE_LIMIT_BURST.read()
SIGNIN_ATTEMPTS_PER_MINUTE = env.SIGNIN_ATTEMPTS_PER_MINUTE.read()
AGENCY_RATE_LIMIT_PER_SECOND = env.AGENCY_RATE_LIMIT_PER_SECOND.read()
AGENCY_RATE_LIMIT_BURST = env.AGENCY_RATE_LIMIT_BURST.read()
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Security baseline (issue 12): HSTS over HTTPS for a year (Django sends it on secure requests;
# core.security_headers also when LIFEGATE_PUBLIC_URL is https behind a TLS proxy), CORS only
# for the configured origins. CSP and no-store: lifegate.core.security_headers.
SECURE_HSTS_SECONDS = 31_536_000
CORS_ALLOWED_ORIGINS = list(env.CORS_ORIGINS.read())
CSRF_COOKIE_SAMESITE = "Lax"

LOGIN_URL = "admin:login"

LOGGING = configure_logging(env.LOG_LEVEL.read(), json_lines=env.LOG_JSON.read())
