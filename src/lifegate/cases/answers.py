# SPDX-License-Identifier: EUPL-1.2
"""What the government does not know is asked once, in a short form: the citizen's answers
become facts with source `citizen`, and the offer is computed again for the household."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from lifegate.cases.acceptance import offer_for
from lifegate.cases.household import household_of
from lifegate.cases.models import Journey, Offer
from lifegate.cases.offers import update_offer
from lifegate.cases.refusals import refused
from lifegate.rules.eligibility import Fact, Situation, evaluate

CITIZEN = "citizen"
_NUMBERS = {"yearly_income", "assets", "monthly_rent"}
_YES_NO = {
    "health_insured",
    "resident",
    "enrolled_higher_education",
    "lives_with_parents",
    "rented",
}


def parse(field: str, text: str) -> Any:
    """An answer as the rules read it; `ValueError` when it is not one."""
    text = text.strip()
    if field in _NUMBERS:
        value = float(text.replace("€", "").replace(".", "").replace(",", ".") or "x")
        if value < 0:
            raise ValueError(field)
        return value
    if field in _YES_NO:
        if text not in ("yes", "no"):
            raise ValueError(field)
        return text == "yes"
    if field == "birth_date":
        return dt.date.fromisoformat(text)
    raise ValueError(field)


def with_answers(situation: Situation, answers: Mapping[str, Any]) -> Situation:
    """The situation with each answer (`"<person or home>:<field>"`) as a citizen's fact."""
    facts: dict[str, dict[str, Any]] = {}
    for key, value in answers.items():
        owner, _, name = key.partition(":")
        facts.setdefault(owner, {})[name] = Fact(value, CITIZEN)
    persons = [dataclasses.replace(p, **facts.get(p.id, {})) for p in situation.persons]
    home: dict[str, Any] = facts.get("home", {})
    return dataclasses.replace(
        situation, persons=tuple(persons), home=dataclasses.replace(situation.home, **home)
    )


def answer(offer_id: str, person_id: int, given: Mapping[str, str]) -> Offer:
    """Store the answers to an offer's questions and compute the offer again (and the
    household's other open offers that asked the same)."""
    with transaction.atomic():
        offer, journey = offer_for(offer_id, person_id)
        if offer.state != "open" or offer.eligibility != "need_more_info":
            raise refused(
                "offer-already-accepted" if offer.state == "accepted" else "offer-withdrawn"
            )
        answers = dict(offer.answers)
        for question in offer.questions:
            key = f"{question['person'] or 'home'}:{question['field']}"
            try:
                answers[key] = parse(question["field"], given.get(key, ""))
            except ValueError as error:
                raise refused("answer-invalid", f"Please answer: {question['en']}") from error
        _recompute(offer, journey, answers)
    return offer


def _keys(offer: Offer) -> set[str]:
    return {f"{q['person'] or 'home'}:{q['field']}" for q in offer.questions}


def _asking_the_same(offer: Offer, answers: Mapping[str, Any]) -> list[Offer]:
    """The household's other open offers that ask one of the questions just answered: an
    answer is given once for the whole journey (the income, for every allowance)."""
    others = Offer.objects.select_for_update().filter(
        instance=offer.instance,
        household_key=offer.household_key,
        state="open",
        eligibility="need_more_info",
    )
    return [o for o in others.exclude(id=offer.id) if _keys(o) & set(answers)]


def _recompute(offer: Offer, journey: Journey, answers: dict[str, Any]) -> None:
    on = timezone.localdate()
    household = household_of(journey, on)
    if household is None:
        raise refused("offer-not-found")
    _evaluate(offer, household.situation, answers, on)
    for other in _asking_the_same(offer, answers):
        shared = {k: v for k, v in answers.items() if k in _keys(other)}
        _evaluate(other, household.situation, {**other.answers, **shared}, on)


def _evaluate(offer: Offer, situation: Situation, answers: dict[str, Any], on: dt.date) -> None:
    result = evaluate(with_answers(situation, answers), on, [offer.service])
    stored = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in answers.items()}
    update_offer(offer, result.result(offer.service), stored)
