# SPDX-License-Identifier: EUPL-1.2
"""Field checks for catalog content: every problem is reported with its entry and field.

An official who leaves out the English description of a service gets
``services/birth.yaml kinderbijslag: description.en: missing text in en``, not a stack
trace. The checks are data (one table per kind), so the Django admin can reuse them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lifegate.catalog.cpsv import vocab

REQUIRED_LANGUAGES = ("nl", "en")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")

Finding = tuple[str, str]
"""(field path, message) for one problem in one entry."""
Check = Callable[[Any], Iterator[Finding]]


@dataclass(frozen=True)
class ContentProblem:
    """One problem in the content: where (file and entry), which field, and what is wrong."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


def text(value: Any) -> Iterator[Finding]:
    """A language map with a non-empty text in every required language."""
    if not isinstance(value, dict):
        yield "", "must be a language map like {nl: …, en: …}"
        return
    for language in REQUIRED_LANGUAGES:
        if not str(value.get(language) or "").strip():
            yield f".{language}", f"missing text in {language}"
    for language, content in value.items():
        if not isinstance(language, str) or not _LANGUAGE.match(language):
            yield f".{language}", "is not a language code (quote texts that contain commas)"
        elif not isinstance(content, str):
            yield f".{language}", "must be a text"


def identifier(value: Any) -> Iterator[Finding]:
    """A stable kebab-case identifier."""
    if not isinstance(value, str) or not _ID.match(value):
        yield "", "must be a kebab-case identifier (a-z, 0-9 and hyphens)"


def string(value: Any) -> Iterator[Finding]:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        yield "", "must be a non-empty text"


def optional_string(value: Any) -> Iterator[Finding]:
    """A string that may be empty."""
    if value is not None and not isinstance(value, str):
        yield "", "must be a text"


def one_of(allowed: frozenset[str] | tuple[str, ...]) -> Check:
    """One value from a fixed list."""

    def check(value: Any) -> Iterator[Finding]:
        if value not in allowed:
            yield "", f"must be one of {', '.join(sorted(allowed))}"

    return check


def list_of(item: Check, *, minimum: int = 1) -> Check:
    """A list of at least `minimum` items, each passing `item`."""

    def check(value: Any) -> Iterator[Finding]:
        if not isinstance(value, list) or len(value) < minimum:
            yield "", f"must be a list with at least {minimum} item(s)"
            return
        for index, element in enumerate(value):
            for path, message in item(element):
                yield f"[{index}]{path}", message

    return check


def record(fields: dict[str, Check], optional: frozenset[str] = frozenset()) -> Check:
    """A mapping whose fields each pass their check; fields in `optional` may be absent."""

    def check(value: Any) -> Iterator[Finding]:
        if not isinstance(value, dict):
            yield "", "must be a mapping"
            return
        for name, field_check in fields.items():
            if name not in value or value[name] is None:
                if name not in optional:
                    yield f".{name}", "is required"
                continue
            for path, message in field_check(value[name]):
                yield f".{name}{path}", message

    return check


def duration(value: Any) -> Iterator[Finding]:
    """An ISO 8601 duration such as P8W or P13W."""
    if not isinstance(value, str) or not _DURATION.match(value):
        yield "", "must be an ISO 8601 duration such as P8W"


def date(value: Any) -> Iterator[Finding]:
    """A calendar date (YYYY-MM-DD)."""
    if not isinstance(value, dt.date):
        yield "", "must be a date written as YYYY-MM-DD"


def amount(value: Any) -> Iterator[Finding]:
    """A non-negative number (0 for free)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        yield "", "must be a number ≥ 0 (0 when free)"


def flag(value: Any) -> Iterator[Finding]:
    """true or false."""
    if not isinstance(value, bool):
        yield "", "must be true or false"


def uri(value: Any) -> Iterator[Finding]:
    """An absolute http(s) URI."""
    if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
        yield "", "must be an absolute http(s) URI"


_REQUIREMENT = record({"name": text, "evidence": list_of(identifier, minimum=0)})
_COST = record({"amount": amount, "currency": one_of(tuple(vocab.CURRENCIES)), "description": text})
_EID = record(
    {
        "loa": one_of(tuple(vocab.LEVELS_OF_ASSURANCE)),
        "means": list_of(one_of(vocab.notations("eid-means")), minimum=0),
    }
)

KINDS: dict[str, dict[str, Check]] = {
    "organisations": {
        "id": identifier,
        "kind": one_of(vocab.notations("organisation-kind")),
        "country": one_of(tuple(vocab.COUNTRIES)),
        "name": text,
        "website": uri,
        "email": string,
        "phone": string,
        "oin": optional_string,
        "municipality_code": optional_string,
    },
    "contact_points": {
        "id": identifier,
        "organisation": identifier,
        "phone": string,
        "email": string,
        "page": uri,
        "hours": text,
    },
    "events": {
        "id": identifier,
        "kind": one_of(("life", "business")),
        "name": text,
        "description": text,
        "eu_type": uri,
        "eu_type_label": text,
        "eu_type_verify": flag,
    },
    "legal_resources": {
        "id": identifier,
        "uri": uri,
        "local_id": string,
        "title": text,
        "verify": flag,
    },
    "evidence_types": {"id": identifier, "name": text, "description": text},
    "redress": {"id": identifier, "objection": text, "no_response": text},
    "services": {
        "id": identifier,
        "name": text,
        "description": text,
        "authorities": list_of(identifier),
        "events": list_of(identifier),
        "mode": one_of(vocab.notations("service-mode")),
        "contact_points": list_of(identifier),
        "channels": list_of(one_of(vocab.notations("channel"))),
        "eid": _EID,
        "steps": list_of(text),
        "requirements": list_of(_REQUIREMENT),
        "costs": list_of(_COST),
        "processing_time": duration,
        "deadline": text,
        "redress": identifier,
        "legal_resources": list_of(identifier),
        "output": record({"name": text, "description": text}),
        "updated": date,
    },
}
OPTIONAL: dict[str, frozenset[str]] = {
    "organisations": frozenset({"oin", "municipality_code"}),
    "legal_resources": frozenset({"verify"}),
    "events": frozenset({"eu_type_verify"}),
    "services": frozenset({"eid"}),
}
