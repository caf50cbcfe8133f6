# SPDX-License-Identifier: EUPL-1.2
"""A household's situation for the rules, read from the registries through the exchange.

Every read carries its purpose (a processing activity of the organisation that decides the
service) and the journey, so it shows on the citizen's data-use page and in the ledger.
Persons are named by role in the situation ("parent-1", "child-1"), never by BSN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lifegate.cases.models import Journey
from lifegate.cases.triggers import ARRIVAL, TRIGGERS
from lifegate.demo import services as registry
from lifegate.exchange import services as exchange
from lifegate.rules.eligibility import Fact, Home, Person, Situation

BRP, INCOME, ZVW = "registry:brp", "registry:income", "registry:zvw"
_ALLOWANCES = ("belastingdienst-toeslagen", "toeslagen-healthcare-allowance")
_CHILD_BENEFIT = ("svb", "svb-child-benefit")
_ADULT_FIELDS = [
    "persons.birthDate",
    "persons.partnerBsn",
    "incomes.yearlyIncome",
    "incomes.assets",
    "insurances.healthInsured",
]


@dataclass(frozen=True)
class Household:
    situation: Situation
    member_bsns: tuple[str, ...]  # the adults: applicant first, then the partner


def _read(who: tuple[str, str], bsn: str, fields: list[str], journey: str) -> exchange.Released:
    organisation, purpose = who
    return exchange.read_person_data(
        exchange.Requester(organisation),
        purpose,
        exchange.Subject.bsn(bsn),
        fields,
        journey=journey,
    )


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


def _adult(
    role: str, data: exchange.Released, partner_role: str | None, *, arriving: bool = False
) -> Person:
    # Someone arriving from abroad has no Dutch income of this year on record: the income
    # registry's figure is not what they will earn here, so the rules ask for it.
    income = None if arriving else Fact(float(data.value("incomes.yearlyIncome")), INCOME)
    return Person(
        id=role,
        birth_date=Fact(_date(data.value("persons.birthDate")), BRP),
        partner=Fact(partner_role, BRP),
        parents=Fact((), BRP),
        yearly_income=income,
        assets=Fact(float(data.value("incomes.assets")), INCOME),
        health_insured=Fact(bool(data.value("insurances.healthInsured")), ZVW),
        resident=Fact(True, BRP),
    )


def _children(bsn: str, parents: tuple[str, ...], on: dt.date, journey: str) -> list[Person]:
    listed = _read(_CHILD_BENEFIT, bsn, ["persons.childrenBsns"], journey)
    children: list[Person] = []
    for child_bsn in listed.value("persons.childrenBsns") or []:
        born = _date(
            _read(_CHILD_BENEFIT, child_bsn, ["persons.birthDate"], journey).value(
                "persons.birthDate"
            )
        )
        if born <= on and on.year - born.year < 19:  # the rules drop those already 18
            children.append(
                Person(
                    id=f"child-{len(children) + 1}",
                    birth_date=Fact(born, BRP),
                    partner=Fact(None, BRP),
                    parents=Fact(parents, BRP),
                )
            )
    return children


def read_household(
    bsn: str, on: dt.date, *, with_children: bool, journey: str, arriving: bool = False
) -> Household:
    """The person with `bsn`, their partner and (if asked) their children under 18;
    `arriving`: the person has just moved here from abroad (their income is asked)."""
    applicant = _read(_ALLOWANCES, bsn, _ADULT_FIELDS, journey)
    partner_bsn = str(applicant.value("persons.partnerBsn") or "")
    persons = [
        _adult("parent-1", applicant, "parent-2" if partner_bsn else None, arriving=arriving)
    ]
    if partner_bsn:
        partner = _read(_ALLOWANCES, partner_bsn, _ADULT_FIELDS, journey)
        persons.append(_adult("parent-2", partner, "parent-1"))
    parents = tuple(p.id for p in persons)
    if with_children:
        persons.extend(_children(bsn, parents, on, journey))
    situation = Situation(persons=tuple(persons), subject_id="parent-1", home=Home())
    members = (bsn, partner_bsn) if partner_bsn else (bsn,)
    return Household(situation, members)


def household_of(journey: Journey, on: dt.date) -> Household | None:
    """The household of a journey's person, read for the journey (None while the person has
    no BSN, e.g. someone arriving from abroad before their registration)."""
    person = registry.find_person(journey.person_id)
    if person is None or not person.bsn:
        return None
    rule = TRIGGERS.get(journey.trigger)  # none for an arrival not yet registered
    return read_household(
        person.bsn,
        on,
        with_children=rule is not None and rule.needs_children,
        journey=f"journey:{journey.id}",
        arriving=journey.instance.startswith(f"{ARRIVAL}:"),
    )
