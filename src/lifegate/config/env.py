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
    "The address citizens and other systems use to reach this installation.",
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

ALL: tuple[Setting[object], ...] = tuple(
    value for value in globals().values() if isinstance(value, Setting)
)


def describe() -> list[tuple[str, str, str, str]]:
    """Rows (name, type, default, help) for `lifegate settings`."""
    return [(s.name, s.type_name, repr(s.default), s.help) for s in ALL]
