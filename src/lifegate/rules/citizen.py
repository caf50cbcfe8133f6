# SPDX-License-Identifier: EUPL-1.2
"""The signed-in citizen's household situation: registry data read through the exchange
(each read logged, for the purpose `portal-entitlement-check`), plus their own answers.

    situation = household_situation(subject, answers, journey="entitlements:birth")

A registered person is read by BSN with their allowance partner and children; someone not
yet registered (a foreign eID) has only what their eID says and what they tell us.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from lifegate.exchange import services as exchange
from lifegate.rules.eligibility import Fact, Home, Person, Situation

PURPOSE, READER = "portal-entitlement-check", "logius"
_OWN = ["persons.givenNames", "persons.birthDate", "persons.partnerBsn", "persons.childrenBsns"]
_MONEY = ["incomes.yearlyIncome", "incomes.assets", "insurances.healthInsured"]
BRP, INCOME, ZVW, CITIZEN = "registry:brp", "registry:income", "registry:zvw", "citizen"
Answers = dict[str, Any]  # "person id:field" -> value the citizen gave


@dataclass(frozen=True)
class Subject:
    """Whom the page is for: a BSN, or (not yet registered) the eIDAS birth date."""

    bsn: str | None
    given_name: str
    birth_date: dt.date | None = None


def _read(bsn: str, fields: list[str], actor: str, journey: str) -> exchange.Released:
    return exchange.read_person_data(
        exchange.Requester(READER, actor=actor),
        PURPOSE,
        exchange.Subject.bsn(bsn),
        fields,
        journey=journey,
    )


def _adult(pid: str, released: exchange.Released, partner: str | None) -> Person:
    income, assets = released.value("incomes.yearlyIncome"), released.value("incomes.assets")
    insured = released.value("insurances.healthInsured")
    return Person(
        id=pid,
        birth_date=Fact(dt.date.fromisoformat(released.value("persons.birthDate")), BRP),
        partner=Fact(partner, BRP),
        parents=Fact((), BRP),
        yearly_income=None if income is None else Fact(float(income), INCOME),
        assets=None if assets is None else Fact(float(assets), INCOME),
        health_insured=None if insured is None else Fact(bool(insured), ZVW),
        resident=Fact(True, BRP),
    )


def _registered(bsn: str, subject: Subject, actor: str, journey: str) -> list[Person]:
    own = _read(bsn, _OWN + _MONEY, actor, journey)
    partner_bsn = own.value("persons.partnerBsn")
    partner_id = None
    people: list[Person] = []
    parents: tuple[str, ...] = (subject.given_name,)
    if partner_bsn:
        partner = _read(partner_bsn, _OWN + _MONEY, actor, journey)
        partner_id = str(partner.value("persons.givenNames")).split()[0]
        people.append(_adult(partner_id, partner, subject.given_name))
        parents = (subject.given_name, partner_id)
    people.insert(0, _adult(subject.given_name, own, partner_id))
    for child_bsn in own.value("persons.childrenBsns") or []:
        child = _read(child_bsn, ["persons.givenNames", "persons.birthDate"], actor, journey)
        born = dt.date.fromisoformat(child.value("persons.birthDate"))
        name = str(child.value("persons.givenNames")).split()[0]
        people.append(
            Person(
                id=name,
                birth_date=Fact(born, BRP),
                partner=Fact(None, BRP),
                parents=Fact(parents, BRP),
            )
        )
    return people


def _not_registered(subject: Subject) -> list[Person]:
    born = None if subject.birth_date is None else Fact(subject.birth_date, "eidas")
    return [Person(id=subject.given_name, birth_date=born)]


def _with_answers(person: Person, answers: Answers) -> Person:
    given: dict[str, Any] = {
        key.partition(":")[2]: Fact(value, CITIZEN)
        for key, value in answers.items()
        if key.partition(":")[0] == person.id and getattr(person, key.partition(":")[2]) is None
    }
    return replace(person, **given)


def _told_partner(partner_id: str, of: str) -> Person:
    return Person(
        id=partner_id,
        partner=Fact(of, CITIZEN),
        parents=Fact((), CITIZEN),
        resident=Fact(True, CITIZEN),
    )


def _home(answers: Answers) -> Home:
    facts = {k.partition(":")[2]: Fact(v, CITIZEN) for k, v in answers.items() if k[:6] == "@home:"}
    return Home(**facts)


def household_situation(
    subject: Subject, answers: Answers, *, actor: str = "", journey: str = ""
) -> Situation:
    """The situation of `subject`'s household; raises `exchange.RefusedError` on a refusal."""
    people = (
        _registered(subject.bsn, subject, actor, journey)
        if subject.bsn
        else _not_registered(subject)
    )
    persons = [_with_answers(person, answers) for person in people]
    known = {person.id for person in persons}
    for person in list(persons):  # "yes, I have a partner": the partner's facts are asked next
        partner = person.partner.value if person.partner else None
        if partner and partner not in known:
            persons.append(_with_answers(_told_partner(partner, person.id), answers))
            known.add(partner)
    return Situation(persons=tuple(persons), subject_id=subject.given_name, home=_home(answers))
