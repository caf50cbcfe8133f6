# SPDX-License-Identifier: EUPL-1.2
"""Refuse impossible situations, naming every offending field (the API answers 422)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from lifegate.rules.eligibility.catalog import ServiceRule
from lifegate.rules.eligibility.errors import FieldProblem, SituationError
from lifegate.rules.eligibility.situation import Person, Situation
from lifegate.rules.openfisca_nl import VALID_FROM, VALID_UNTIL

OLDEST = dt.date(1900, 1, 1)


def _relations(index: int, person: Person, ids: set[str]) -> Iterator[FieldProblem]:
    here = f"/persons/{index}"
    if person.partner is not None and person.partner.value is not None:
        if person.partner.value not in ids:
            yield FieldProblem(
                f"{here}/partner", "unknown-person", "the partner is not in the situation"
            )
        elif person.partner.value == person.id:
            yield FieldProblem(
                f"{here}/partner", "own-partner", "a person cannot be their own partner"
            )
    for parent in person.parents.value if person.parents is not None else ():
        if parent not in ids or parent == person.id:
            yield FieldProblem(
                f"{here}/parents",
                "unknown-person",
                f"parent {parent!r} is not another person in the situation",
            )


def _dates(
    index: int, person: Person, on: dt.date, births: dict[str, dt.date]
) -> Iterator[FieldProblem]:
    here = f"/persons/{index}"
    birth = person.birth_date.value if person.birth_date is not None else None
    if birth is not None and birth > on:
        yield FieldProblem(
            f"{here}/birth_date", "negative-age", f"born after the evaluation date {on}"
        )
    if birth is not None and birth < OLDEST:
        yield FieldProblem(f"{here}/birth_date", "impossible-age", f"born before {OLDEST}")
    for parent in person.parents.value if person.parents is not None else ():
        if birth is not None and parent in births and births[parent] >= birth:
            yield FieldProblem(
                f"{here}/birth_date",
                "older-than-parent",
                f"born before (or on the day of) parent {parent!r}",
            )
    for field in ("yearly_income", "assets"):
        fact = getattr(person, field)
        if fact is not None and not isinstance(fact.value, int | float):
            yield FieldProblem(f"{here}/{field}", "not-a-number", "must be a number of euros")


def _situation_problems(situation: Situation, on: dt.date) -> Iterator[FieldProblem]:
    if not VALID_FROM <= on <= VALID_UNTIL:
        yield FieldProblem(
            "/date", "outside-rule-validity", f"the rules hold from {VALID_FROM} to {VALID_UNTIL}"
        )
    ids = [person.id for person in situation.persons]
    for index, person_id in enumerate(ids):
        if ids.index(person_id) != index:
            yield FieldProblem(
                f"/persons/{index}/id", "duplicate-id", f"id {person_id!r} is used twice"
            )
    if situation.subject_id not in ids:
        yield FieldProblem("/subject", "unknown-person", "the subject is not one of the persons")
    births = {p.id: p.birth_date.value for p in situation.persons if p.birth_date is not None}
    for index, person in enumerate(situation.persons):
        yield from _relations(index, person, set(ids))
        yield from _dates(index, person, on, births)
    rent = situation.home.monthly_rent
    if rent is not None and (not isinstance(rent.value, int | float) or rent.value < 0):
        yield FieldProblem(
            "/home/monthly_rent", "negative-rent", "the rent must be zero or more euros"
        )


def validate(
    situation: Situation, on: dt.date, services: Sequence[str] | None, rules: Sequence[ServiceRule]
) -> list[ServiceRule]:
    """The rules of `services` (all when None); `SituationError` listing every problem."""
    problems = list(_situation_problems(situation, on))
    known = {rule.id: rule for rule in rules}
    wanted = list(services) if services is not None else list(known)
    for index, service in enumerate(wanted):
        if service not in known:
            problems.append(
                FieldProblem(
                    f"/services/{index}", "unknown-service", f"no rule decides {service!r}"
                )
            )
    if problems:
        raise SituationError(problems)
    return [known[service] for service in wanted]
