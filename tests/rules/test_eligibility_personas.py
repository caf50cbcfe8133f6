# SPDX-License-Identifier: EUPL-1.2
"""The personas' stories, as the eligibility service tells them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from lifegate.rules.eligibility import BIRTH_EVENT_SERVICES, Fact, Status, evaluate, explain
from tests.rules.personas import DEMO_DAY, jan, kees, lucia, sanne_household


def test_sanne_is_offered_kinderbijslag_of_286_45_per_quarter_from_the_next_quarter() -> None:
    day_after_registration = DEMO_DAY - dt.timedelta(days=11)

    result = evaluate(sanne_household(), day_after_registration, ["kinderbijslag"]).result(
        "kinderbijslag"
    )

    assert result.status is Status.ENTITLED
    assert (result.amount, result.period, result.start_date) == (
        Decimal("286.45"),
        "quarter",
        dt.date(2025, 7, 1),
    )


def test_on_the_demo_day_sanne_and_daan_both_see_the_birth_services() -> None:
    for subject in ("sanne", "daan"):
        evaluation = evaluate(sanne_household(subject), DEMO_DAY, BIRTH_EVENT_SERVICES)

        assert evaluation.result("kinderbijslag").amount == Decimal("286.45")
        assert evaluation.result("kindgebonden-budget").status is Status.ENTITLED
        assert evaluation.result("zorgtoeslag").status is Status.NOT_ENTITLED


def test_zorgtoeslag_for_sanne_and_daan_is_refused_because_60000_is_above_50206() -> None:
    result = evaluate(sanne_household(), DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    assert result.status is Status.NOT_ENTITLED
    failed = [step for step in result.explanation if step.outcome.value == "fail"]
    assert [step.variable for step in failed] == ["zorgtoeslag_inkomensvoorwaarde"]
    text = explain(result, "en")
    assert "60,000.00" in text and "50206" in text
    assert "Toetsingsinkomen niet boven de inkomensgrens" in explain(result, "nl")


def test_lucia_is_asked_in_english_about_her_expected_income() -> None:
    result = evaluate(lucia(), DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    assert result.status is Status.NEED_MORE_INFO
    assert result.amount is None
    [missing] = result.missing
    assert (missing.field, missing.person_id) == ("yearly_income", "lucia")
    assert (
        missing.question.en
        == "What do you expect your income to be in 2025 (assessment income, gross per year)?"
    )
    assert missing.question.nl.startswith("Hoe hoog verwacht u dat uw inkomen in 2025 is")
    assert "What do you expect your income" in explain(result, "en")


def test_lucia_gets_her_zorgtoeslag_once_she_answers() -> None:
    lucia_situation = lucia()
    answered = dataclasses.replace(
        lucia_situation.persons[0], yearly_income=Fact(30_000, "citizen")
    )

    situation = dataclasses.replace(lucia_situation, persons=(answered,))
    result = evaluate(situation, DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    assert (result.status, result.amount) == (Status.ENTITLED, Decimal("112.00"))


def test_jan_has_zorgtoeslag_computed_and_his_aow_since_2006() -> None:
    evaluation = evaluate(jan(), DEMO_DAY, ["zorgtoeslag", "aow"])

    zorgtoeslag = evaluation.result("zorgtoeslag")
    assert (zorgtoeslag.status, zorgtoeslag.amount, zorgtoeslag.period) == (
        Status.ENTITLED,
        Decimal("131.00"),
        "month",
    )
    assert evaluation.result("aow").start_date == dt.date(2006, 3, 12)


def test_kees_is_offered_the_aow_with_the_date_he_reaches_the_pension_age() -> None:
    result = evaluate(kees(), DEMO_DAY, ["aow"]).result("aow")

    assert result.status is Status.ENTITLED
    assert result.start_date == dt.date(2025, 10, 1)
    assert any(
        p.illustrative
        for step in result.explanation
        for node in step.walk()
        for p in node.parameters
    )


def test_a_child_turning_18_next_month_is_offered_zorgtoeslag_from_that_month() -> None:
    mila = dataclasses.replace(
        lucia().persons[0],
        id="mila",
        birth_date=Fact(
            DEMO_DAY + dt.timedelta(days=9) - dt.timedelta(days=18 * 365 + 4), "registry:brp"
        ),
        yearly_income=Fact(3_000, "registry:income"),
    )
    situation = dataclasses.replace(lucia(), persons=(mila,), subject_id="mila")

    result = evaluate(situation, DEMO_DAY, ["zorgtoeslag"]).result("zorgtoeslag")

    assert (result.status, result.start_date, result.amount) == (
        Status.ENTITLED,
        dt.date(2025, 8, 1),
        Decimal("131.00"),
    )
