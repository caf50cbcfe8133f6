# SPDX-License-Identifier: EUPL-1.2
"""Offers: a single-household rules evaluation when a journey opens, stored per household."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from lifegate.cases import catalogue
from lifegate.cases.household import Household
from lifegate.cases.models import Offer
from lifegate.rules.eligibility import ServiceResult, evaluate, explain, headline

OFFER_DAYS = 91  # "respond to the offer within 3 months"


def _texts(result: ServiceResult) -> tuple[dict[str, str], dict[str, str]]:
    heads = {lang: headline(result, lang) for lang in ("nl", "en")}
    explained = {lang: explain(result, lang) for lang in ("nl", "en")}
    return heads, explained


def new_offer(instance: str, household_key: str, result: ServiceResult) -> Offer:
    organisation, activity, _fields = catalogue.shared_fields(result.service)
    heads, explained = _texts(result)
    amount = None if result.amount is None else Decimal(result.amount).quantize(Decimal("0.01"))
    return Offer(
        instance=instance,
        household_key=household_key,
        service=result.service,
        organisation=organisation,
        eligibility=str(result.status),
        amount=amount,
        period=result.period,
        start_date=result.start_date,
        headline=heads,
        explanation=explained,
        questions=[
            {"field": m.field, "person": m.person_id, "nl": m.question.nl, "en": m.question.en}
            for m in result.missing
        ],
        activity=activity,
        expires_at=timezone.now() + dt.timedelta(days=OFFER_DAYS),
    )


def make_offers(
    instance: str, household_key: str, event: str, household: Household, on: dt.date
) -> list[Offer]:
    """Evaluate the event's proactive services for the household once (idempotent)."""
    services = catalogue.offered_by_rules(event)
    existing = Offer.objects.filter(instance=instance, household_key=household_key)
    if not services or existing.exists():
        return list(existing)
    evaluation = evaluate(household.situation, on, services)
    rows = [new_offer(instance, household_key, result) for result in evaluation.results]
    Offer.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Offer.objects.filter(instance=instance, household_key=household_key))


def offers_for(instance: str, household_key: str) -> list[Offer]:
    return list(Offer.objects.filter(instance=instance, household_key=household_key))


def update_offer(offer: Offer, result: ServiceResult, answers: dict[str, object]) -> None:
    """The offer computed again, now with the citizen's answers."""
    fresh = new_offer(offer.instance, offer.household_key, result)
    for name in (
        "eligibility",
        "amount",
        "period",
        "start_date",
        "headline",
        "explanation",
        "questions",
    ):
        setattr(offer, name, getattr(fresh, name))
    offer.answers = answers
    offer.save()
