# SPDX-License-Identifier: EUPL-1.2
"""The cases block's door: journeys, offers and cases. Other blocks call only these.

Registry side: `record_registry_event(RegistryEvent(...))`, `scan_registry(day)`.
Citizens: `journeys_of`, `journey_of`, `steps_of`, `give_consent`, `accept_offer`,
`decline_offer`, `apply`, `cases_of_person`.
Agencies and officials: `cases_of_organisation`, `case_for_organisation`, `set_status`,
`request_information`, `decide`, `withdraw_offer`, `history`.
Refusals raise `ProblemError` with a stable `code` (see `refusals.DETAILS`).
"""

from __future__ import annotations

import datetime as dt

from lifegate.cases.acceptance import accept_offer, apply, decline_offer, withdraw_offer
from lifegate.cases.answers import answer
from lifegate.cases.casework import decide, request_information, set_status
from lifegate.cases.journeys import (
    RegistryEvent,
    give_consent,
    journey_of,
    journeys_of,
    record_registry_event,
)
from lifegate.cases.models import Case, CaseStatus, Journey, Offer
from lifegate.cases.refusals import code_of, explained, refused
from lifegate.cases.steps import Step, steps_of
from lifegate.core.problems import ProblemError
from lifegate.demo import services as registry

__all__ = [
    "Case",
    "CaseStatus",
    "Journey",
    "ProblemError",
    "RegistryEvent",
    "Step",
    "accept_offer",
    "answer",
    "apply",
    "case_for_organisation",
    "cases_of_organisation",
    "cases_of_person",
    "code_of",
    "decide",
    "decline_offer",
    "explained",
    "give_consent",
    "history",
    "journey_of",
    "journeys_of",
    "offer_service",
    "record_registry_event",
    "refused",
    "request_information",
    "scan_registry",
    "set_status",
    "steps_of",
    "withdraw_offer",
]


def cases_of_person(person_id: int) -> list[Case]:
    return list(Case.objects.filter(person_id=person_id))


def cases_of_organisation(organisation: str, status: str = "") -> list[Case]:
    found = Case.objects.filter(organisation=organisation)
    return list(found.filter(status=status) if status else found)


def case_for_organisation(case_id: str, organisation: str) -> Case:
    """The case when it is the organisation's; refused (403) for another's, 404 if none."""
    case = Case.objects.filter(id=case_id).first()
    if case is None:
        raise refused("case-not-found")
    if case.organisation != organisation:
        raise refused("case-of-another-organisation")
    return case


def history(case: Case) -> list[CaseStatus]:
    return list(case.statuses.all())


def scan_registry(day: dt.date) -> list[Journey]:
    """Open the journeys of every registry event of `day` (idempotent: run it nightly)."""
    opened: list[Journey] = []
    for found in registry.registry_events_on(day):
        event = RegistryEvent(found.type, found.bsn, day, found.related_bsns)
        opened.extend(record_registry_event(event))
    return opened


def offer_service(offer_id: str) -> str:
    """The service an offer is for ("" when there is no such offer)."""
    found = Offer.objects.filter(id=offer_id).values_list("service", flat=True).first()
    return found or ""
