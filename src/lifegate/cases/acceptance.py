# SPDX-License-Identifier: EUPL-1.2
"""The citizen's answers to offers: accept with one click, decline; apply for a service."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lifegate.cases import catalogue
from lifegate.cases.casework import open_case
from lifegate.cases.models import Case, Journey, Offer
from lifegate.cases.refusals import refused


def offer_for(offer_id: str, person_id: int) -> tuple[Offer, Journey]:
    """The offer, locked, when it belongs to one of the person's journeys."""
    offer = Offer.objects.select_for_update().filter(id=offer_id).first()
    journey = (
        None
        if offer is None
        else Journey.objects.filter(
            person_id=person_id, instance=offer.instance, household_key=offer.household_key
        ).first()
    )
    if offer is None or journey is None:
        raise refused("offer-not-found")
    return offer, journey


def _check_open(offer: Offer) -> None:
    if offer.state == "accepted":
        raise refused("offer-already-accepted")
    if offer.state == "declined":
        raise refused("offer-already-declined")
    if offer.state == "withdrawn":
        raise refused("offer-withdrawn")
    if offer.expires_at <= timezone.now():
        raise refused("offer-expired")


def accept_offer(offer_id: str, person_id: int, actor_id: int) -> Case:
    """Accept for `person_id` (by `actor_id`, themselves or someone acting for them)."""
    with transaction.atomic():
        offer, journey = offer_for(offer_id, person_id)
        _check_open(offer)
        if offer.eligibility == "not_entitled":
            raise refused("offer-not-entitled")
        if offer.eligibility == "need_more_info":
            raise refused("offer-needs-answers")
        offer.state, offer.decided_by = "accepted", actor_id
        offer.save(update_fields=["state", "decided_by"])
        return open_case(offer.service, person_id, actor_id, journey, offer)


def decline_offer(offer_id: str, person_id: int, actor_id: int) -> Offer:
    with transaction.atomic():
        offer, _journey = offer_for(offer_id, person_id)
        _check_open(offer)
        offer.state, offer.decided_by = "declined", actor_id
        offer.save(update_fields=["state", "decided_by"])
    return offer


def withdraw_offer(offer_id: str) -> Offer:
    """The agency withdraws an open offer (e.g. the circumstances changed)."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(id=offer_id)
        if offer.state == "open":
            offer.state = "withdrawn"
            offer.save(update_fields=["state"])
    return offer


def apply(journey_id: str, service: str, person_id: int, actor_id: int) -> Case:
    """Apply for a service of the journey that is not offered: a case at the agency."""
    with transaction.atomic():
        journey = (
            Journey.objects.select_for_update().filter(id=journey_id, person_id=person_id).first()
        )
        if journey is None:
            raise refused("journey-not-found")
        known = {s.id: s for s in catalogue.services_of(journey.event)}
        if service not in known or known[service].mode == "information":
            raise refused("not-applicable")
        if Case.objects.filter(journey=journey, service=service).exists():
            raise refused("already-applied")
        return open_case(service, person_id, actor_id, journey)
