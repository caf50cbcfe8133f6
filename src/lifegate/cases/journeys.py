# SPDX-License-Identifier: EUPL-1.2
"""Registry events open journeys for the people concerned, without their asking.

Running the same event twice opens nothing twice: a journey is unique per person, life
event and event instance, and a household's offers are made once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lifegate.cases import catalogue, notify
from lifegate.cases.household import household_of
from lifegate.cases.models import Journey
from lifegate.cases.offers import make_offers
from lifegate.cases.refusals import refused
from lifegate.cases.triggers import ARRIVAL, ARRIVAL_EVENT, MOVED_IN, Trigger, trigger
from lifegate.demo import services as registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegistryEvent:
    """What the persons registry reports: `person.born` with the parents of the child."""

    type: str
    subject_bsn: str
    date: dt.date
    related_bsns: tuple[str, ...] = field(
        default=()
    )  # parents of a newborn, children of the deceased


def _concerned(event: RegistryEvent, rule: Trigger) -> list[str]:
    return list(event.related_bsns) if rule.concerns == "related" else [event.subject_bsn]


def _household_key(rule: Trigger, subject_id: int, person_id: int) -> str:
    return f"related-to:{subject_id}" if rule.concerns == "related" else f"person:{person_id}"


def record_registry_event(event: RegistryEvent) -> list[Journey]:
    """Open the journeys of a registry event (and their offers when the law allows)."""
    try:
        rule = trigger(event.type)
    except KeyError as error:
        raise refused("event-unknown") from error
    ids = registry.person_ids_by_bsn([event.subject_bsn, *event.related_bsns])
    if event.subject_bsn not in ids:
        raise refused("person-unknown")
    subject_id = ids[event.subject_bsn]
    opened = []
    for bsn in _concerned(event, rule):
        if bsn in ids:
            opened.append(_open(rule, event, subject_id, ids[bsn]))
    logger.info("cases.registry_event", extra={"type": event.type, "journeys": len(opened)})
    return opened


def _open(rule: Trigger, event: RegistryEvent, subject_id: int, person_id: int) -> Journey:
    if rule.type == MOVED_IN:
        continued = _continue_arrival(rule, event, person_id)
        if continued is not None:
            return continued
    instance = f"{rule.type}:{subject_id}"
    with transaction.atomic():
        journey, created = Journey.objects.get_or_create(
            person_id=person_id,
            event=rule.event,
            instance=instance,
            defaults={
                "household_key": _household_key(rule, subject_id, person_id),
                "trigger": rule.type,
                "consent": "not-needed" if rule.basis else "asked",
            },
        )
        if created:
            if rule.basis is not None:
                _offers(journey, event.date)
            _announce(journey, rule)
    return journey


def _continue_arrival(rule: Trigger, event: RegistryEvent, person_id: int) -> Journey | None:
    """Someone who started "moving to the Netherlands" themselves is now registered: their
    journey goes on (not a second one), under the registry event's legal basis, with offers."""
    with transaction.atomic():
        journey = (
            Journey.objects.select_for_update()
            .filter(person_id=person_id, event=rule.event, instance=f"{ARRIVAL}:{person_id}")
            .first()
        )
        if journey is None or journey.trigger == rule.type:
            return journey
        journey.trigger, journey.consent = rule.type, "not-needed"
        journey.save(update_fields=["trigger", "consent"])
        _offers(journey, event.date)
        _announce(journey, rule, registered=True)
    return journey


def _offers(journey: Journey, on: dt.date) -> None:
    if not catalogue.offered_by_rules(journey.event):
        return
    household = household_of(journey, on)
    if household is not None:
        make_offers(journey.instance, journey.household_key, journey.event, household, on)


def _announce(journey: Journey, rule: Trigger, *, registered: bool = False) -> None:
    """The journey's message; `registered`: an arrival journey goes on after registration."""

    def compose(language: str) -> tuple[str, str]:
        name = catalogue.event_name(journey.event, language)
        if registered:
            body = _("You are registered in the Netherlands: your journey “%(event)s” goes on.") % {
                "event": name
            }
        else:
            body = _(
                "We have opened the journey “%(event)s” for you: every step across every "
                "agency in one place."
            ) % {"event": name}
        if rule.basis is None:
            body += " " + _("Before we check what you are entitled to, we ask your permission.")
        else:
            body += " " + _("We checked what you are entitled to (%(law)s).") % {
                "law": rule.basis.text(language)
            }
        body += " " + _("Open “My life events” on the portal to see it.")
        return _("Your journey: %(event)s") % {"event": name}, body

    basis = rule.basis.law_nl if rule.basis else "Toestemming (AVG art. 6 lid 1 onder a)"
    notify.send(
        catalogue.JOURNEY_SENDER,
        journey.person_id,
        f"journey:{journey.id}" + (":registered" if registered else ""),
        compose,
        legal_basis=basis,
        reference=str(journey.id),
    )


def give_consent(journey_id: str, person_id: int) -> Journey:
    """The citizen allows the check a trigger without a legal basis needs: offers follow."""
    with transaction.atomic():
        journey = (
            Journey.objects.select_for_update().filter(id=journey_id, person_id=person_id).first()
        )
        if journey is None:
            raise refused("journey-not-found")
        if journey.consent not in ("asked", "refused"):
            raise refused("consent-not-asked")
        journey.consent = "given"
        journey.save(update_fields=["consent"])
        _offers(journey, timezone.localdate())
    return journey


def start_arrival(person_id: int) -> Journey:
    """The journey "moving to the Netherlands" of someone not registered yet, started at
    their own request (once: starting it again gives the same journey)."""
    with transaction.atomic():
        journey, created = Journey.objects.get_or_create(
            person_id=person_id,
            event=ARRIVAL_EVENT,
            instance=f"{ARRIVAL}:{person_id}",
            defaults={
                "household_key": f"person:{person_id}",
                "trigger": ARRIVAL,
                "consent": "given",
            },
        )
        if created:
            _welcome(journey)
    return journey


def _welcome(journey: Journey) -> None:
    def compose(language: str) -> tuple[str, str]:
        name = catalogue.event_name(journey.event, language)
        body = _(
            "You started the journey “%(event)s”: every step across every agency in one "
            "place, starting with your registration at the municipality. Open “My life "
            "events” on the portal to see it."
        ) % {"event": name}
        return _("Your journey: %(event)s") % {"event": name}, body

    notify.send(
        catalogue.JOURNEY_SENDER,
        journey.person_id,
        f"journey:{journey.id}",
        compose,
        legal_basis="Op uw verzoek (AVG art. 6 lid 1 onder e)",
        reference=str(journey.id),
    )


def journeys_of(person_id: int) -> list[Journey]:
    return list(Journey.objects.filter(person_id=person_id))


def journey_of(journey_id: str, person_id: int) -> Journey:
    journey = Journey.objects.filter(id=journey_id, person_id=person_id).first()
    if journey is None:
        raise refused("journey-not-found")
    return journey
