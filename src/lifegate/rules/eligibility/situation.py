# SPDX-License-Identifier: EUPL-1.2
"""A household situation: persons and their home, every value with where it came from.

A value that is not known is `None`, never a default: the rules then ask for it.

    sanne = Person(id="sanne", birth_date=Fact(dt.date(1994, 3, 2), "registry:brp"),
                   partner=Fact("daan", "registry:brp"),
                   yearly_income=Fact(26_000, "registry:income"))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")

SOURCES_EXAMPLES = ("registry:brp", "registry:income", "registry:duo", "citizen")


@dataclass(frozen=True)
class Fact(Generic[T]):
    """A value and its source: a registry (`registry:brp`) or the citizen (`citizen`)."""

    value: T
    source: str


@dataclass(frozen=True, kw_only=True)
class Person:
    """A person in the situation. `parents` are the parents the person lives with.

    The first of `parents` is the one whose household a child under 18 belongs to.
    """

    id: str
    birth_date: Fact[dt.date] | None = None
    partner: Fact[str | None] | None = None
    parents: Fact[tuple[str, ...]] | None = None
    yearly_income: Fact[float] | None = None
    assets: Fact[float] | None = None
    health_insured: Fact[bool] | None = None
    resident: Fact[bool] | None = None
    enrolled_higher_education: Fact[bool] | None = None
    lives_with_parents: Fact[bool] | None = None


@dataclass(frozen=True, kw_only=True)
class Home:
    """The home of the subject's household."""

    rented: Fact[bool] | None = None
    monthly_rent: Fact[float] | None = None


@dataclass(frozen=True, kw_only=True)
class Situation:
    """The persons of a household, the person it is evaluated for (`subject_id`), the home."""

    persons: tuple[Person, ...]
    subject_id: str
    home: Home = Home()

    def person(self, person_id: str) -> Person:
        return next(person for person in self.persons if person.id == person_id)


PERSON_FIELDS = tuple(field.name for field in fields(Person) if field.name != "id")
HOME_FIELDS = tuple(field.name for field in fields(Home))
