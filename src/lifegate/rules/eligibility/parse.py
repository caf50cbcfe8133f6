# SPDX-License-Identifier: EUPL-1.2
"""Read an evaluation request from JSON-like data, refusing unknown or malformed fields.

    {"date": "2025-07-01", "subject": "sanne", "services": ["kinderbijslag"],
     "persons": [{"id": "sanne", "birth_date": {"value": "1994-03-02", "source": "registry:brp"},
                  "partner": {"value": "daan", "source": "registry:brp"}, ...}],
     "home": {"rented": {"value": true, "source": "registry:brp"}}}

A field that is absent is unknown (the rules will ask for it). Every problem is collected
and raised together as one `SituationError`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lifegate.rules.eligibility.catalog import SERVICES
from lifegate.rules.eligibility.errors import FieldProblem, SituationError
from lifegate.rules.eligibility.situation import Fact, Home, Person, Situation
from lifegate.rules.eligibility.validate import validate


@dataclass(frozen=True)
class EvaluationRequest:
    situation: Situation
    on: dt.date
    services: tuple[str, ...] | None


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("must be a number")
    return float(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("must be true or false")
    return value


def _optional_id(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("must be a person id or null")
    return value


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("must be a list of person ids")
    return tuple(value)


PERSON_READERS: dict[str, Callable[[Any], Any]] = {
    "birth_date": _date,
    "partner": _optional_id,
    "parents": _ids,
    "yearly_income": _number,
    "assets": _number,
    "health_insured": _flag,
    "resident": _flag,
    "enrolled_higher_education": _flag,
    "lives_with_parents": _flag,
}
HOME_READERS: dict[str, Callable[[Any], Any]] = {"rented": _flag, "monthly_rent": _number}


def _fact(
    raw: Any, read: Callable[[Any], Any], path: str, problems: list[FieldProblem]
) -> Fact[Any] | None:
    if (
        not isinstance(raw, Mapping)
        or set(raw) != {"value", "source"}
        or not isinstance(raw["source"], str)
    ):
        problems.append(
            FieldProblem(path, "malformed-fact", 'expected {"value": ..., "source": "..."}')
        )
        return None
    try:
        return Fact(read(raw["value"]), raw["source"])
    except (TypeError, ValueError) as error:
        problems.append(FieldProblem(f"{path}/value", "invalid-value", str(error)))
        return None


def _facts(
    raw: Mapping[str, Any],
    readers: Mapping[str, Callable[[Any], Any]],
    path: str,
    problems: list[FieldProblem],
    allowed: set[str],
) -> dict[str, Any]:
    for key in raw:
        if key not in readers and key not in allowed:
            problems.append(
                FieldProblem(f"{path}/{key}", "unknown-field", f"unknown variable {key!r}")
            )
    return {
        key: _fact(raw[key], read, f"{path}/{key}", problems)
        for key, read in readers.items()
        if key in raw
    }


def _person(raw: Any, path: str, problems: list[FieldProblem]) -> Person | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        problems.append(FieldProblem(f"{path}/id", "missing-id", "each person needs a string id"))
        return None
    return Person(id=raw["id"], **_facts(raw, PERSON_READERS, path, problems, {"id"}))


def parse_request(payload: Mapping[str, Any]) -> EvaluationRequest:
    """The request in `payload`, or `SituationError` listing every offending field."""
    problems: list[FieldProblem] = []
    for key in payload:
        if key not in {"date", "subject", "services", "persons", "home"}:
            problems.append(FieldProblem(f"/{key}", "unknown-field", f"unknown field {key!r}"))
    try:
        on = _date(payload.get("date"))
    except (TypeError, ValueError):
        problems.append(FieldProblem("/date", "invalid-value", "expected a date (YYYY-MM-DD)"))
        on = dt.date.min
    raw_persons = payload.get("persons")
    if not isinstance(raw_persons, list) or not raw_persons:
        problems.append(FieldProblem("/persons", "missing-persons", "expected a list of persons"))
        raw_persons = []
    persons = [_person(raw, f"/persons/{i}", problems) for i, raw in enumerate(raw_persons)]
    home_raw = payload.get("home", {})
    home = (
        Home(**_facts(home_raw, HOME_READERS, "/home", problems, set()))
        if isinstance(home_raw, Mapping)
        else Home()
    )
    subject = payload.get("subject")
    if not isinstance(subject, str):
        problems.append(
            FieldProblem("/subject", "missing-subject", "expected the id of the person evaluated")
        )
    services = payload.get("services")
    if services is not None and not (
        isinstance(services, list) and all(isinstance(s, str) for s in services)
    ):
        problems.append(
            FieldProblem("/services", "invalid-value", "expected a list of service ids")
        )
    situation = Situation(
        persons=tuple(p for p in persons if p), subject_id=str(subject), home=home
    )
    request = EvaluationRequest(situation, on, tuple(services) if services is not None else None)
    if problems:
        raise SituationError(problems + _also_impossible(request, problems, len(raw_persons)))
    return request


def _also_impossible(
    request: EvaluationRequest, problems: list[FieldProblem], persons: int
) -> list[FieldProblem]:
    """When only unknown fields were found, the impossible values too: every field is named
    in one answer, not one kind of problem per attempt."""
    if (
        any(p.code != "unknown-field" for p in problems)
        or len(request.situation.persons) != persons
    ):
        return []
    try:
        validate(request.situation, request.on, request.services, SERVICES)
    except SituationError as error:
        return list(error.problems)
    return []
