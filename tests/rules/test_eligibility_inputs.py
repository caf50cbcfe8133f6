# SPDX-License-Identifier: EUPL-1.2
"""Missing facts are asked for, never defaulted; impossible situations are refused by field."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, cast

import pytest

from lifegate.rules.eligibility import (
    SERVICE_IDS,
    Fact,
    Person,
    Situation,
    SituationError,
    Status,
    evaluate,
    parse_request,
)
from tests.rules.personas import DEMO_DAY, adult, sanne_household


def _without(situation: Situation, person_id: str, field: str) -> Situation:
    persons = tuple(
        dataclasses.replace(p, **cast(dict[str, Any], {field: None})) if p.id == person_id else p
        for p in situation.persons
    )
    return dataclasses.replace(situation, persons=persons)


@pytest.mark.parametrize(
    ("service", "person_id", "field"),
    [
        ("zorgtoeslag", "sanne", "yearly_income"),
        ("zorgtoeslag", "daan", "yearly_income"),
        ("zorgtoeslag", "sanne", "health_insured"),
        ("zorgtoeslag", "sanne", "partner"),
        ("kindgebonden-budget", "daan", "assets"),
        ("kinderbijslag", "noor", "birth_date"),
        ("kinderbijslag", "sanne", "resident"),
    ],
)
def test_an_unknown_fact_a_rule_needs_gives_need_more_info_with_its_question(
    service: str, person_id: str, field: str
) -> None:
    situation = _without(sanne_household(), person_id, field)
    if field in ("yearly_income", "health_insured"):  # low income, else the income limit decides
        situation = _low_income(situation)

    result = evaluate(situation, DEMO_DAY, [service]).result(service)

    assert result.status is Status.NEED_MORE_INFO, result
    assert (field, person_id) in {(m.field, m.person_id) for m in result.missing}
    assert all(m.question.nl.endswith("?") and m.question.en.endswith("?") for m in result.missing)
    assert result.amount is None


def _low_income(situation: Situation) -> Situation:
    persons = tuple(
        dataclasses.replace(p, yearly_income=Fact(10_000, "registry:income"))
        if p.yearly_income
        else p
        for p in situation.persons
    )
    return dataclasses.replace(situation, persons=persons)


def test_a_failed_condition_on_known_facts_decides_even_when_other_facts_are_missing() -> None:
    situation = _without(sanne_household(), "sanne", "health_insured")

    result = evaluate(situation, DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    assert result.status is Status.NOT_ENTITLED  # the joint income is known and too high
    assert result.missing == ()


def test_unknown_income_is_never_taken_as_zero() -> None:
    known_zero = Situation(persons=(adult("x", dt.date(1990, 1, 1), 0),), subject_id="x")
    unknown = Situation(persons=(adult("x", dt.date(1990, 1, 1), None),), subject_id="x")

    assert (
        evaluate(known_zero, DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag").status
        is Status.ENTITLED
    )
    assert (
        evaluate(unknown, DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag").status
        is Status.NEED_MORE_INFO
    )


def test_the_rent_is_asked_for_huurtoeslag_and_nothing_is_asked_of_an_owner() -> None:
    renting = sanne_household()
    owning = dataclasses.replace(
        renting, home=dataclasses.replace(renting.home, rented=Fact(False, "registry:brp"))
    )

    asked = evaluate(renting, DEMO_DAY, ["huurtoeslag"]).result("huurtoeslag")
    owner = evaluate(owning, DEMO_DAY, ["huurtoeslag"]).result("huurtoeslag")

    assert [(m.field, m.question.en) for m in asked.missing] == [
        ("monthly_rent", "How much is your rent per month (basic rent plus service charges)?")
    ]
    assert (owner.status, owner.missing) == (Status.NOT_ENTITLED, ())


def _people(*persons: Person, subject: str = "a") -> Situation:
    return Situation(persons=persons, subject_id=subject)


@pytest.mark.parametrize(
    ("situation", "on", "fields"),
    [
        (
            _people(adult("a", dt.date(2030, 1, 1), 1)),
            DEMO_DAY,
            {("/persons/0/birth_date", "negative-age")},
        ),
        (
            _people(
                adult("a", dt.date(1990, 1, 1), 1),
                dataclasses.replace(
                    adult("b", dt.date(1980, 1, 1), 1), parents=Fact(("a",), "registry:brp")
                ),
            ),
            DEMO_DAY,
            {("/persons/1/birth_date", "older-than-parent")},
        ),
        (
            _people(adult("a", dt.date(1990, 1, 1), 1)),
            dt.date(2024, 12, 31),
            {("/date", "outside-rule-validity")},
        ),
        (
            _people(adult("a", dt.date(1990, 1, 1), 1, partner="z")),
            DEMO_DAY,
            {("/persons/0/partner", "unknown-person")},
        ),
        (
            _people(adult("a", dt.date(1990, 1, 1), 1), subject="q"),
            DEMO_DAY,
            {("/subject", "unknown-person")},
        ),
        (
            _people(adult("a", dt.date(2031, 1, 1), 1, partner="z")),
            dt.date(2030, 1, 1),
            {
                ("/date", "outside-rule-validity"),
                ("/persons/0/birth_date", "negative-age"),
                ("/persons/0/partner", "unknown-person"),
            },
        ),
    ],
)
def test_an_impossible_situation_is_refused_naming_each_field(
    situation: Situation, on: dt.date, fields: set[tuple[str, str]]
) -> None:
    with pytest.raises(SituationError) as raised:
        evaluate(situation, on)

    assert {(p.field, p.code) for p in raised.value.problems} == fields


def test_an_unknown_service_is_refused() -> None:
    with pytest.raises(SituationError) as raised:
        evaluate(sanne_household(), DEMO_DAY, ["kinderbijslag", "lottery"])

    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("/services/1", "unknown-service")
    ]


def _payload(**changes: Any) -> dict[str, Any]:
    fact = {"value": "1994-03-02", "source": "registry:brp"}
    payload: dict[str, Any] = {
        "date": "2025-07-01",
        "subject": "s",
        "persons": [{"id": "s", "birth_date": fact}],
    }
    payload.update(changes)
    return payload


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        (
            _payload(persons=[{"id": "s", "shoe_size": {"value": 44, "source": "citizen"}}]),
            ["/persons/0/shoe_size"],
        ),
        (_payload(colour="blue"), ["/colour"]),
        (_payload(date="yesterday"), ["/date"]),
        (
            _payload(
                persons=[{"id": "s", "yearly_income": {"value": "lots", "source": "citizen"}}]
            ),
            ["/persons/0/yearly_income/value"],
        ),
        (_payload(persons=[{"id": "s", "assets": 5}]), ["/persons/0/assets"]),
        (
            _payload(home={"monthly_rent": {"value": True, "source": "citizen"}}),
            ["/home/monthly_rent/value"],
        ),
    ],
)
def test_a_request_with_unknown_variables_or_bad_values_is_refused_by_field(
    payload: dict[str, Any], fields: list[str]
) -> None:
    with pytest.raises(SituationError) as raised:
        parse_request(payload)

    assert [p.field for p in raised.value.problems] == fields


def test_a_valid_request_is_read_with_every_source() -> None:
    payload = _payload(
        services=["zorgtoeslag"],
        persons=[
            {
                "id": "s",
                "birth_date": {"value": "1994-03-02", "source": "registry:brp"},
                "yearly_income": {"value": 20000, "source": "citizen"},
                "partner": {"value": None, "source": "registry:brp"},
            }
        ],
        home={"rented": {"value": True, "source": "registry:brp"}},
    )

    request = parse_request(payload)

    person = request.situation.person("s")
    assert person.yearly_income == Fact(20000, "citizen")
    assert (person.assets, request.services, request.on) == (
        None,
        ("zorgtoeslag",),
        dt.date(2025, 7, 1),
    )
    assert set(SERVICE_IDS) >= set(request.services or ())
