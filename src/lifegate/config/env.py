# SPDX-License-Identifier: EUPL-1.2
"""Every environment setting lifegate reads, declared once with its type, default and help.

`lifegate settings` prints this table; Django settings read values only through `value()`.
This module is pure: no Django, no IO beyond `os.environ`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class SettingError(ValueError):
    """An environment variable holds a value of the wrong type."""


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected true or false, got {raw!r}")


def _parse_list(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One environment variable: its name, how to parse it, its default and what it does."""

    name: str
    parse: Callable[[str], T]
    default: T
    help: str
    type_name: str

    def read(self, environ: Mapping[str, str] | None = None) -> T:
        source = os.environ if environ is None else environ
        raw = source.get(self.name)
        if raw is None:
            return self.default
        try:
            return self.parse(raw)
        except ValueError as error:
            raise SettingError(
                f"{self.name}={raw!r} is not a valid {self.type_name}: {error}. "
                f"Fix or unset it ({self.help})"
            ) from error


def _str(name: str, default: str, help_text: str) -> Setting[str]:
    return Setting(name, str, default, help_text, "text")


def _int(name: str, default: int, help_text: str) -> Setting[int]:
    return Setting(name, int, default, help_text, "whole number")


def _bool(name: str, default: bool, help_text: str) -> Setting[bool]:
    return Setting(name, _parse_bool, default, help_text, "boolean")


def _list(name: str, default: tuple[str, ...], help_text: str) -> Setting[tuple[str, ...]]:
    return Setting(name, _parse_list, default, help_text, "comma-separated list")


def _float(name: str, default: float, help_text: str) -> Setting[float]:
    return Setting(name, float, default, help_text, "number")


HOME = _str(
    "LIFEGATE_HOME",
    ".lifegate",
    "Folder for the embedded database, generated keys and uploads; kept outside git.",
)
DATABASE_URL = _str(
    "DATABASE_URL",
    "",
    "Database to use, e.g. postgres://user@host:5432/lifegate. Empty: SQLite in LIFEGATE_HOME.",
)
DEBUG = _bool(
    "LIFEGATE_DEBUG", False, "Show Django debug pages and tracebacks. Never in production."
)
ALLOWED_HOSTS = _list(
    "LIFEGATE_ALLOWED_HOSTS",
    ("127.0.0.1", "localhost", "[::1]", "testserver"),
    "Host names this installation answers to.",
)
PUBLIC_URL = _str(
    "LIFEGATE_PUBLIC_URL",
    "http://127.0.0.1:8000",
    "The address citizens and other systems use to reach this installation. Unset, "
    "`lifegate demo` uses the address it listens on; set it for `serve` and `worker`.",
)
SECURE_COOKIES = _bool(
    "LIFEGATE_SECURE_COOKIES",
    False,
    "Send cookies only over HTTPS. Turn on in production behind TLS.",
)
LOG_LEVEL = _str(
    "LIFEGATE_LOG_LEVEL", "INFO", "Lowest level of log lines written (DEBUG, INFO, ...)."
)
LOG_JSON = _bool("LIFEGATE_LOG_JSON", False, "Write log lines as JSON (for log collectors).")
HOST = _str("LIFEGATE_HOST", "127.0.0.1", "Address `lifegate serve` and `lifegate demo` listen on.")
PORT = _int("LIFEGATE_PORT", 8000, "Port `lifegate serve` and `lifegate demo` listen on.")
WORKERS = _int("LIFEGATE_WORKERS", 2, "Web server processes started by `lifegate serve`.")
DEMO_SEED = _int(
    "LIFEGATE_DEMO_SEED", 2025, "Seed of the synthetic population; same seed, same people."
)
DEMO_PERSONS = _int(
    "LIFEGATE_DEMO_PERSONS", 10_000, "Number of synthetic persons `lifegate demo` seeds."
)
CONTACT_EMAIL = _str(
    "LIFEGATE_CONTACT_EMAIL",
    "api@lifegate.example",
    "Contact address published in the OpenAPI document and on the accessibility page.",
)

THEME_CSS = _str(
    "LIFEGATE_THEME_CSS",
    "lifegate/theme/default.css",
    "Design-token CSS of the theme: a static path or a URL. Rebrand without touching templates.",
)

# Outbox and message box (issue 7)
OUTBOX_RETRY_SECONDS = _int(
    "LIFEGATE_OUTBOX_RETRY_SECONDS",
    10,
    "Wait before the first webhook retry; each further retry waits twice as long (max 1 h).",
)
OUTBOX_MAX_ATTEMPTS = _int(
    "LIFEGATE_OUTBOX_MAX_ATTEMPTS",
    10,
    "Webhook attempts before an event goes to the dead-letter list officials can replay.",
)
SMTP_HOST = _str(
    "LIFEGATE_SMTP_HOST", "", "SMTP server for notification e-mails. Empty: no e-mails are sent."
)
SMTP_PORT = _int("LIFEGATE_SMTP_PORT", 25, "Port of the SMTP server for notification e-mails.")
SMTP_STARTTLS = _bool(
    "LIFEGATE_SMTP_STARTTLS", False, "Upgrade the SMTP connection with STARTTLS (production)."
)
MAIL_FROM = _str(
    "LIFEGATE_MAIL_FROM",
    "berichtenbox@lifegate.example",
    "Sender address of notification e-mails.",
)
MESSAGEBOX_MAX_ATTACHMENT_BYTES = _int(
    "LIFEGATE_MESSAGEBOX_MAX_ATTACHMENT_BYTES",
    10 * 1024 * 1024,
    "Largest attachment an agency may send with a message, in bytes.",
)

OIDC_ISSUER = _str(
    "LIFEGATE_OIDC_ISSUER",
    "",
    "Issuer URL of the eID provider the portal signs citizens in with (OpenID Connect). "
    "Empty: the built-in demo eID provider at LIFEGATE_PUBLIC_URL/demo-eid.",
)
OIDC_CLIENT_ID = _str(
    "LIFEGATE_OIDC_CLIENT_ID", "lifegate-portal", "Client id of the portal at the eID provider."
)
OIDC_CLIENT_KEY = _str(
    "LIFEGATE_OIDC_CLIENT_KEY",
    "",
    "Path of the portal's private JWK (JSON) for private_key_jwt at the eID provider. "
    "Empty: generated on first run in LIFEGATE_HOME/secrets.",
)
OIDC_CLIENT_SECRET = _str(
    "LIFEGATE_OIDC_CLIENT_SECRET",
    "",
    "Only for providers outside the NL GOV profile (e.g. test providers): authenticate with "
    "client_secret_basic instead of private_key_jwt. Leave empty in production.",
)
DEMO_EID = _bool(
    "LIFEGATE_DEMO_EID",
    True,
    "Serve the demo eID provider at /demo-eid/ (synthetic personas). Turn off in production.",
)
SESSION_IDLE_MINUTES = _int(
    "LIFEGATE_SESSION_IDLE_MINUTES", 15, "A session unused this many minutes ends (sign in again)."
)
SESSION_ABSOLUTE_HOURS = _int(
    "LIFEGATE_SESSION_ABSOLUTE_HOURS",
    12,
    "A session ends this many hours after sign-in, used or not.",
)
MANDATE_NOTICE_DAYS = _int(
    "LIFEGATE_MANDATE_NOTICE_DAYS",
    30,
    "Announce a mandate's end to grantor and holder this many days before it expires.",
)

# Verifiable credentials (issue 9)
CREDENTIALS_STATUS_TTL = _int(
    "LIFEGATE_CREDENTIALS_STATUS_TTL",
    300,
    "Seconds verifiers and caches may keep a status list (its ttl and Cache-Control max-age): "
    "a revocation or suspension is seen by every verifier within this time.",
)
CREDENTIALS_VALIDITY_DAYS = _int(
    "LIFEGATE_CREDENTIALS_VALIDITY_DAYS", 365, "Days an issued credential is valid (its exp)."
)
CREDENTIALS_TRUSTED_ISSUERS = _list(
    "LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS",
    (),
    "Issuer identifiers (https://…) the verifiers trust besides this installation's own "
    "issuers; their keys are read from /.well-known/jwt-vc-issuer of each.",
)
CREDENTIALS_TRUSTED_LIST = _str(
    "LIFEGATE_CREDENTIALS_TRUSTED_LIST",
    "",
    "Path of the trusted issuer list, a JSON file naming issuers elsewhere that verifiers "
    "here trust, with the name per language and the country a verdict shows (see "
    "src/lifegate/credentials/README.md). Read again when it changes. Empty: no list.",
)
CREDENTIALS_ISSUER_KEYS_TTL = _int(
    "LIFEGATE_CREDENTIALS_ISSUER_KEYS_TTL",
    300,
    "Seconds verifiers keep the keys of a trusted issuer before fetching them again (also "
    "the Cache-Control max-age of this installation's issuer metadata): a key an issuer "
    "withdraws is trusted at most this long. A new key is fetched when first seen.",
)
WALLET_FILE = _str(
    "LIFEGATE_WALLET_FILE",
    ".lifegate-wallet.json",
    "Where `lifegate wallet` (the reference wallet) keeps its holder key and credentials.",
)

# Once-only exchange, registries, cross-border evidence and the ledger (issue 6)
LEDGER_CHECKPOINT_ENTRIES = _int(
    "LIFEGATE_LEDGER_CHECKPOINT_ENTRIES",
    1000,
    "Sign a ledger checkpoint at least every this many entries.",
)
LEDGER_CHECKPOINT_SECONDS = _int(
    "LIFEGATE_LEDGER_CHECKPOINT_SECONDS",
    60,
    "Sign a ledger checkpoint at the first append this many seconds after the last one.",
)
REGISTRY_URLS = _list(
    "LIFEGATE_REGISTRY_URLS",
    (),
    "Registries reached over HTTP, as name=base-url pairs (e.g. persons=https://brp.example/api). "
    "Registries not named here are the demo registries of this installation, called in-process.",
)
EVIDENCE_PROVIDER_URL = _str(
    "LIFEGATE_EVIDENCE_PROVIDER_URL",
    "http://127.0.0.1:8090",
    "Base URL of the Spanish (ES) evidence provider; `lifegate demo` starts a demo one there "
    "(unset, on a free port when 8090 is taken).",
)
EVIDENCE_TIMEOUT_SECONDS = _int(
    "LIFEGATE_EVIDENCE_TIMEOUT_SECONDS",
    5,
    "How long to wait for a foreign evidence provider before telling the citizen it timed out.",
)

# Service finder (issue 11)
ASSISTANT_SEMANTIC = _bool(
    "LIFEGATE_ASSISTANT_SEMANTIC",
    True,
    "Let the service finder also match by meaning with its packaged language model "
    "(multilingual-e5-small). Off: lexical matching only.",
)
ASSISTANT_THREADS = _int(
    "LIFEGATE_ASSISTANT_THREADS", 1, "CPU threads the finder's language model uses per question."
)
ASSISTANT_MIN_COUNT = _int(
    "LIFEGATE_ASSISTANT_MIN_COUNT",
    2,
    "Officials see a question citizens asked only once it was asked at least this many times "
    "(rare questions are the likeliest to identify someone).",
)

# Security baseline (issue 12)
CORS_ORIGINS = _list(
    "LIFEGATE_CORS_ORIGINS",
    (),
    "Web origins (https://host) whose pages may call the API from a browser (CORS). "
    "Empty: none; other systems call the API server to server.",
)

# Resilience (issue 12)
RATE_LIMIT_PER_SECOND = _float(
    "LIFEGATE_RATE_LIMIT_PER_SECOND",
    50.0,
    "Requests per second one client address may send to one server process, after its "
    "burst; more are answered 429 with Retry-After. 0 turns the limit off.",
)
RATE_LIMIT_BURST = _int(
    "LIFEGATE_RATE_LIMIT_BURST", 200, "Requests one client address may send at once."
)
SIGNIN_ATTEMPTS_PER_MINUTE = _int(
    "LIFEGATE_SIGNIN_ATTEMPTS_PER_MINUTE",
    30,
    "Sign-in attempts (officials, admin, token requests) per client address per minute.",
)
AGENCY_RATE_LIMIT_PER_SECOND = _float(
    "LIFEGATE_AGENCY_RATE_LIMIT_PER_SECOND",
    1000.0,
    "Requests per second one agency (organisation) may send with a valid access token to one "
    "server process, after its burst, instead of the per-address limit; more are answered "
    "429 with Retry-After. 0 turns this limit off.",
)
AGENCY_RATE_LIMIT_BURST = _int(
    "LIFEGATE_AGENCY_RATE_LIMIT_BURST",
    2000,
    "Requests one agency (organisation) with a valid access token may send at once.",
)

# Open data (issue 10)
OPENDATA_SOURCE = _str(
    "LIFEGATE_OPENDATA_SOURCE",
    "cases",
    "Where `lifegate opendata publish` reads activity: `cases` (the journeys, offers and "
    "cases of the cases block) or `synthetic` (invented from the synthetic population, for "
    "benches, demos and tests).",
)
OPENDATA_EPSILON_PER_COUNT = _float(
    "LIFEGATE_OPENDATA_EPSILON_PER_COUNT", 0.5, "Privacy loss ε of each published count column."
)
OPENDATA_EPSILON_PER_QUANTILE = _float(
    "LIFEGATE_OPENDATA_EPSILON_PER_QUANTILE",
    0.25,
    "Privacy loss ε of each processing-time quantile per record of a person.",
)
OPENDATA_MAX_CONTRIBUTIONS = _int(
    "LIFEGATE_OPENDATA_MAX_CONTRIBUTIONS",
    3,
    "Records one person may add to one measure of a month; more are left out (sensitivity).",
)
OPENDATA_MIN_CELL = _int(
    "LIFEGATE_OPENDATA_MIN_CELL", 10, "Noisy counts below this are suppressed (published empty)."
)
OPENDATA_YEARLY_EPSILON = _float(
    "LIFEGATE_OPENDATA_YEARLY_EPSILON",
    72.0,
    "Privacy budget of a calendar year: publishing beyond it is refused.",
)

ALL: tuple[Setting[object], ...] = tuple(
    value for value in globals().values() if isinstance(value, Setting)
)


def describe() -> list[tuple[str, str, str, str]]:
    """Rows (name, type, default, help) for `lifegate settings`."""
    return [(s.name, s.type_name, repr(s.default), s.help) for s in ALL]
