# SPDX-License-Identifier: EUPL-1.2
"""The cases block's door: journeys, offers and cases. Other blocks call only these.

Registry side: `record_registry_event(RegistryEvent(...))`, `scan_registry(day)`,
`catch_up(first, last)`.
Citizens: `journeys_of`, `journey_of`, `steps_of`, `give_consent`, `accept_offer`,
`decline_offer`, `apply`, `cases_of_person`.
Agencies and officials: `cases_of_organisation`, `case_for_organisation`, `set_status`,
`request_information`, `decide`, `withdraw_offer`, `history`.
Open statistics: `activity(period_start, period_end)` (non-identifying facts).
Refusals raise `ProblemError` with a stable `code` (see `refusals.DETAILS`).
"""

from __future__ import annotations

import datetime as dt

from lifegate.cases import catalogue
from lifegate.cases.acceptance import accept_offer, apply, decline_offer, withdraw_offer
from lifegate.cases.activity import ActivityFact
from lifegate.cases.activity import activity as _activity
from lifegate.cases.answers import answer
from lifegate.cases.casework import case_uuid, decide, request_information, set_status
from lifegate.cases.journeys import (
    RegistryEvent,
    give_consent,
    journey_of,
    journeys_of,
    record_registry_event,
    start_arrival,
)
from lifegate.cases.models import Case, CaseStatus, Journey, Offer, ScannedDay
from lifegate.cases.refusals import code_of, explained, refused
from lifegate.cases.steps import Step, steps_of
from lifegate.cases.triggers import ARRIVAL_EVENT
from lifegate.core.problems import ProblemError
from lifegate.exchange import services as exchange

SCAN_ACTIVITY = "rvig-life-event-journeys"

__all__ = [
    "ARRIVAL_EVENT",
    "ActivityFact",
    "Case",
    "CaseStatus",
    "Journey",
    "ProblemError",
    "RegistryEvent",
    "Step",
    "accept_offer",
    "activity",
    "answer",
    "apply",
    "case_for_organisation",
    "cases_of_organisation",
    "cases_of_person",
    "catch_up",
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
    "start_arrival",
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
    case = Case.objects.filter(id=case_uuid(case_id)).first()
    if case is None:
        raise refused("case-not-found")
    if case.organisation != organisation:
        raise refused("case-of-another-organisation")
    return case


def history(case: Case) -> list[CaseStatus]:
    return list(case.statuses.all())


def scan_registry(day: dt.date) -> list[Journey]:
    """Open the journeys of every registry event of `day` (idempotent: run it nightly).

    The events come from the persons registry through the exchange, under RvIG's processing
    activity for journeys, so each person named sees it on their data-use page."""
    opened: list[Journey] = []
    requester = exchange.Requester(catalogue.JOURNEY_SENDER)
    for found in exchange.registry_events(requester, SCAN_ACTIVITY, day):
        event = RegistryEvent(found.type, found.bsn, day, found.related_bsns)
        opened.extend(record_registry_event(event))
    ScannedDay.objects.update_or_create(day=day, defaults={"journeys": len(opened)})
    return opened


CATCH_UP_DAYS = 31


def catch_up(first: dt.date, last: dt.date) -> list[Journey]:
    """Scan the days from `first` to `last` not scanned yet (at most the last 31; `last`
    always, as its events may not all be in yet): what `lifegate demo` runs at each start,
    so the seed's events have their journeys."""
    first = max(first, last - dt.timedelta(days=CATCH_UP_DAYS - 1))
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    done = set(ScannedDay.objects.filter(day__in=days[:-1]).values_list("day", flat=True))
    opened: list[Journey] = []
    for day in days:
        if day not in done:
            opened.extend(scan_registry(day))
    return opened


def offer_service(offer_id: str) -> str:
    """The service an offer is for ("" when there is no such offer)."""
    found = Offer.objects.filter(id=offer_id).values_list("service", flat=True).first()
    return found or ""


def activity(period_start: dt.date, period_end: dt.date) -> list[ActivityFact]:
    """Journeys started, offers made and accepted, cases opened and decided in the period
    (both days included), one non-identifying fact each: life event, service, organisation,
    municipality code, channel, processing days (on decisions) and a pseudonymous subject
    key; never a person id, BSN or name."""
    return _activity(period_start, period_end)
