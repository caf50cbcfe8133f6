# SPDX-License-Identifier: EUPL-1.2
"""The nightly proactive run, taken up in the journeys: where the rules block's population
run (`lifegate proactive run`) finds a household's situation changed for a service of an
open journey, the household is evaluated again (registry reads through the exchange, with
the explanation) and its offer made or brought up to date.

Idempotent: once the offers agree with the run, a second uptake changes nothing. Offers the
citizen already acted on, or answered questions for, are left alone (their answers are newer
than the run's facts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from lifegate.cases import catalogue, notify
from lifegate.cases.household import household_of
from lifegate.cases.models import Journey, Offer
from lifegate.cases.offers import new_offer, update_offer
from lifegate.cases.triggers import TRIGGERS, trigger
from lifegate.rules import services as rules
from lifegate.rules.eligibility import evaluate

NOT_ENTITLED = "not_entitled"  # the run keeps no row for those


@dataclass(frozen=True)
class Uptake:
    as_of: dt.date | None  # the run taken up; None when there is none
    journeys: int  # journeys looked at
    made: int  # offers made where there was none
    updated: int  # offers brought up to date


def _changed(journey: Journey, as_of: dt.date) -> list[str]:
    """The journey's rule-decided services whose run status differs from its open offer."""
    services = catalogue.offered_by_rules(journey.event)
    if not services or journey.trigger not in TRIGGERS:  # an arrival: no registry facts yet
        return []
    run = {o.service: o.status for o in rules.offers_for_person(journey.person_id, as_of)}
    offers = {
        o.service: o
        for o in Offer.objects.filter(
            instance=journey.instance, household_key=journey.household_key
        )
    }
    changed = []
    for service in services:
        status = run.get(service, NOT_ENTITLED)
        offer = offers.get(service)
        if offer is None:
            if status != NOT_ENTITLED:
                changed.append(service)
        elif offer.state == "open" and not offer.answers and offer.eligibility != status:
            changed.append(service)
    return changed


def _refresh(journey: Journey, services: list[str], on: dt.date) -> tuple[int, int]:
    household = household_of(journey, on)
    if household is None:
        return 0, 0
    evaluation = evaluate(household.situation, on, services)
    made = updated = 0
    with transaction.atomic():
        for result in evaluation.results:
            offer = (
                Offer.objects.select_for_update()
                .filter(
                    instance=journey.instance,
                    household_key=journey.household_key,
                    service=result.service,
                )
                .first()
            )
            fresh = new_offer(journey.instance, journey.household_key, result)
            if offer is None:
                fresh.save()
                offer, made = fresh, made + 1
            elif (offer.eligibility, offer.amount) != (fresh.eligibility, fresh.amount):
                update_offer(offer, result, offer.answers)
                updated += 1
            else:
                continue
            if offer.eligibility == "entitled":
                _tell(journey, offer)
    return made, updated


def _tell(journey: Journey, offer: Offer) -> None:
    """A message to everyone of the household with this journey: a new offer (once per
    offer, status and amount)."""

    def compose(language: str) -> tuple[str, str]:
        ids = {
            "service": catalogue.service_name(offer.service, language),
            "event": catalogue.event_name(journey.event, language),
        }
        body = _(
            "Your situation changed: you are now entitled to %(service)s. Open your journey "
            "“%(event)s” under “My life events” to see the amount and how we determined it, "
            "and accept it with one click."
        )
        return _("New in your journey: %(service)s") % ids, body % ids

    basis = trigger(journey.trigger).basis
    for person_id in Journey.objects.filter(
        instance=journey.instance, household_key=journey.household_key
    ).values_list("person_id", flat=True):
        notify.send(
            offer.organisation or catalogue.JOURNEY_SENDER,
            person_id,
            f"offer:{offer.id}:{offer.eligibility}:{offer.amount}:{person_id}",
            compose,
            legal_basis=basis.law_nl if basis else "Toestemming (AVG art. 6 lid 1 onder a)",
            reference=str(journey.id),
        )


def take_up_run(as_of: dt.date | None = None) -> Uptake:
    """Bring the offers of every open journey in line with the proactive run of `as_of`
    (default: the latest run)."""
    run = rules.latest_run(as_of)
    if run is None:
        return Uptake(None, 0, 0, 0)
    looked = made = updated = 0
    for journey in Journey.objects.exclude(consent__in=("asked", "refused")).order_by("pk"):
        looked += 1
        changed = _changed(journey, run.as_of)
        if changed:
            counts = _refresh(journey, changed, run.as_of)
            made, updated = made + counts[0], updated + counts[1]
    return Uptake(run.as_of, looked, made, updated)
