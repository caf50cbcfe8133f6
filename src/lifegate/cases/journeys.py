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
from lifegate.cases.household import read_household
from lifegate.cases.models import Journey
from lifegate.cases.offers import make_offers
from lifegate.cases.refusals import refused
from lifegate.cases.triggers import Trigger, trigger
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
            opened.append(_open(rule, event, subject_id, ids[bsn], bsn))
    logger.info("cases.registry_event", extra={"type": event.type, "journeys": len(opened)})
    return opened


def _open(
    rule: Trigger, event: RegistryEvent, subject_id: int, person_id: int, bsn: str
) -> Journey:
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
                _offers(journey, rule, bsn, event.date)
            _announce(journey, rule)
    return journey


def _offers(journey: Journey, rule: Trigger, bsn: str, on: dt.date) -> None:
    if not catalogue.offered_by_rules(journey.event):
        return
    ref = f"journey:{journey.id}"
    household = read_household(bsn, on, with_children=rule.needs_children, journey=ref)
    make_offers(journey.instance, journey.household_key, journey.event, household, on)


def _announce(journey: Journey, rule: Trigger) -> None:
    def compose(language: str) -> tuple[str, str]:
        name = catalogue.event_name(journey.event, language)
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
        f"journey:{journey.id}",
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
        person = registry.find_person(person_id)
        if person is not None and person.bsn:
            _offers(journey, trigger(journey.trigger), person.bsn, timezone.localdate())
    return journey


def journeys_of(person_id: int) -> list[Journey]:
    return list(Journey.objects.filter(person_id=person_id))


def journey_of(journey_id: str, person_id: int) -> Journey:
    journey = Journey.objects.filter(id=journey_id, person_id=person_id).first()
    if journey is None:
        raise refused("journey-not-found")
    return journey
