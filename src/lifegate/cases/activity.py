# SPDX-License-Identifier: EUPL-1.2
"""Non-identifying activity facts of journeys, offers and cases, for the open statistics.

One fact per thing that happened: a journey started, an offer made or accepted, a case
opened or decided. A fact carries no person id, BSN or name: `subject` is a keyed hash of
the person (so the statistics can bound how much one person adds, and nothing else).
Every journey, offer and case of lifegate goes through its online portal or API, so the
channel is `online`.

`municipality` is empty for now: this block keeps no address, and it may read registry
data only through the exchange under a processing activity, which has none for statistics
yet (see the README). Records without it are left out of the municipality tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from lifegate.cases.models import Case, Journey, Offer

CHANNEL = "online"
MUNICIPALITY = ""  # not known to this block (see above)


@dataclass(frozen=True)
class ActivityFact:
    """What happened, when, where and in which service; never who."""

    subject: str
    kind: str  # journey-started offer-made offer-accepted case-opened case-decided
    day: dt.date
    life_event: str
    municipality: str
    service: str = ""
    organisation: str = ""
    channel: str = ""
    processing_days: int | None = None


def subject_key(person_id: int) -> str:
    """A pseudonymous key of the person: not reversible without the server's secret."""
    key = settings.SECRET_KEY.encode()
    message = f"cases-activity:{person_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:24]


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _journey_facts(first: dt.date, last: dt.date) -> Iterator[ActivityFact]:
    for journey in Journey.objects.filter(opened_at__date__range=(first, last)).order_by("pk"):
        yield ActivityFact(
            subject_key(journey.person_id),
            "journey-started",
            _day(journey.opened_at),
            journey.event,
            MUNICIPALITY,
        )


def _journeys_of(offers: list[Offer]) -> dict[tuple[str, str], Journey]:
    """The first journey of each offer's instance and household, in one query."""
    found: dict[tuple[str, str], Journey] = {}
    journeys = Journey.objects.filter(instance__in={o.instance for o in offers})
    for journey in journeys.order_by("-opened_at", "-pk"):
        found[(journey.instance, journey.household_key)] = journey
    return found


def _offer_facts(first: dt.date, last: dt.date) -> Iterator[ActivityFact]:
    offers = list(Offer.objects.filter(created_at__date__range=(first, last)).order_by("pk"))
    journeys = _journeys_of(offers)
    for offer in offers:
        journey = journeys.get((offer.instance, offer.household_key))
        if journey is None or offer.eligibility != "entitled":
            continue
        yield ActivityFact(
            subject_key(journey.person_id),
            "offer-made",
            _day(offer.created_at),
            journey.event,
            MUNICIPALITY,
            offer.service,
            offer.organisation,
            CHANNEL,
        )


def _case_fact(case: Case, kind: str, day: dt.date) -> ActivityFact:
    days = (day - _day(case.opened_at)).days if kind == "case-decided" else None
    return ActivityFact(
        subject_key(case.person_id),
        kind,
        day,
        case.journey.event if case.journey is not None else "",
        MUNICIPALITY,
        case.service,
        case.organisation,
        CHANNEL,
        days,
    )


def _case_facts(first: dt.date, last: dt.date) -> Iterator[ActivityFact]:
    cases = Case.objects.select_related("journey").order_by("pk")
    for case in cases.filter(opened_at__date__range=(first, last)):
        opened = _day(case.opened_at)
        if case.offer_id is not None:  # accepting the offer is what opened the case
            yield _case_fact(case, "offer-accepted", opened)
        yield _case_fact(case, "case-opened", opened)
    for case in cases.filter(decided_at__date__range=(first, last)):
        if case.decided_at is not None:  # always, by the filter
            yield _case_fact(case, "case-decided", _day(case.decided_at))


def activity(period_start: dt.date, period_end: dt.date) -> list[ActivityFact]:
    """Every fact whose day lies from `period_start` to `period_end` (both included)."""
    if period_end < period_start:
        return []
    return [
        *_journey_facts(period_start, period_end),
        *_offer_facts(period_start, period_end),
        *_case_facts(period_start, period_end),
    ]
