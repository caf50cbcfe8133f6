# SPDX-License-Identifier: EUPL-1.2
"""The allowance household (benefit unit) of the subject, and whose facts a rule needs.

The subject's household is their own with their partner, or, for a child under 18, that of
the first parent they live with. Children under 18 whose first parent is one of the
household's parents belong to it. The population run groups persons the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lifegate.rules.eligibility.catalog import Need, Whose
from lifegate.rules.eligibility.situation import Fact, Person, Situation

ADULT_AGE = 18


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - int((day.month, day.day) < (birth.month, birth.day))


def is_minor(person: Person, on: dt.date) -> bool | None:
    """Under 18 on `on`; None when the birth date is not known."""
    if person.birth_date is None:
        return None
    return age_on(person.birth_date.value, on) < ADULT_AGE


def _first_parent(situation: Situation, person: Person) -> Person | None:
    if person.parents is None or not person.parents.value:
        return None
    first = person.parents.value[0]
    return next((p for p in situation.persons if p.id == first), None)


@dataclass(frozen=True)
class Unit:
    """The household: its parents (1 or 2), its children, and the subject's place in it."""

    parents: tuple[Person, ...]
    children: tuple[Person, ...]
    subject: Person

    @property
    def members(self) -> tuple[Person, ...]:
        return self.parents + self.children

    @property
    def subject_index(self) -> int:
        return self.members.index(self.subject)

    @property
    def subject_is_parent(self) -> bool:
        return self.subject in self.parents

    def facts(self, need: Need, situation: Situation) -> list[tuple[str | None, Fact[Any] | None]]:
        """(person id or None for the home, the fact or None when unknown) for one need."""
        if need.whose is Whose.HOME:
            return [(None, getattr(situation.home, need.field))]
        if need.field == "partner":
            return [(self.parents[0].id, self.parents[0].partner)]
        people = {
            Whose.SUBJECT: (self.subject,),
            Whose.PARTNERS: self.parents if self.subject_is_parent else (self.subject,),
            Whose.PARENTS: self.parents,
            Whose.CHILDREN: self.children,
        }[need.whose]
        return [(person.id, getattr(person, need.field)) for person in people]


def benefit_unit(situation: Situation, on: dt.date) -> Unit:
    subject = situation.person(situation.subject_id)
    founder = subject
    if is_minor(subject, on):
        founder = _first_parent(situation, subject) or subject
    parents = [founder]
    partner_id = founder.partner.value if founder.partner is not None else None
    partner = next((p for p in situation.persons if p.id == partner_id), None)
    if partner is not None and partner is not founder:
        parents.append(partner)
    children = tuple(
        person
        for person in situation.persons
        if person not in parents
        and is_minor(person, on) is not False
        and (first := _first_parent(situation, person)) is not None
        and first in parents
    )
    return Unit(tuple(parents), children, subject)
