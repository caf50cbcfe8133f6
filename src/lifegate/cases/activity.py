# SPDX-License-Identifier: EUPL-1.2
"""Non-identifying activity records of journeys, offers and cases, for the open statistics.

One record per thing that happened: a journey started, an offer made or accepted, a case
opened or decided, as the open-data block's own `ActivityRecord`. A record carries no
person id, BSN or name: `subject` is a keyed hash of the person (so the statistics can
bound how much one person adds, and nothing else). Every journey, offer and case of
lifegate goes through its online portal or API, so the channel is `online`.

`municipality` is where the person lives now: read once for every person of the period
through the exchange (`read_for_statistics`, Logius's statistical processing activity, one
log record per person), never kept. The BSN is used only to ask the registry; a person
the registry does not know, or without a BSN (not registered yet), has no municipality.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils import timezone

from lifegate.cases.models import Case, Journey, Offer
from lifegate.demo import services as registry
from lifegate.exchange import services as exchange
from lifegate.opendata.services import ActivityRecord, ActivityUnavailableError, Kind

CHANNEL = "online"
STATISTICS_REQUESTER = exchange.Requester("logius")
STATISTICS_ACTIVITY = "logius-open-statistics"
MUNICIPALITY_FIELD = "persons.municipalityCode"

ActivityFact = ActivityRecord  # the name the cases door exported before; one record type
_Pending = tuple[int, ActivityRecord]  # person id, record without its municipality yet


def subject_key(person_id: int) -> str:
    """A pseudonymous key of the person: not reversible without the server's secret."""
    key = settings.SECRET_KEY.encode()
    message = f"cases-activity:{person_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:24]


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _record(
    person_id: int,
    kind: Kind,
    day: dt.date,
    life_event: str,
    *,
    service: str = "",
    organisation: str = "",
    processing_days: int | None = None,
) -> _Pending:
    """The record of a person's event; the municipality is filled in for all at once."""
    channel = CHANNEL if service else ""
    return person_id, ActivityRecord(
        subject_key(person_id),
        kind,
        day,
        life_event,
        "",
        service,
        organisation,
        channel,
        processing_days,
    )


def _journey_records(first: dt.date, last: dt.date) -> Iterator[_Pending]:
    for journey in Journey.objects.filter(opened_at__date__range=(first, last)).order_by("pk"):
        yield _record(
            journey.person_id, Kind.JOURNEY_STARTED, _day(journey.opened_at), journey.event
        )


def _journeys_of(offers: list[Offer]) -> dict[tuple[str, str], Journey]:
    """The first journey of each offer's instance and household, in one query."""
    found: dict[tuple[str, str], Journey] = {}
    journeys = Journey.objects.filter(instance__in={o.instance for o in offers})
    for journey in journeys.order_by("-opened_at", "-pk"):
        found[(journey.instance, journey.household_key)] = journey
    return found


def _offer_records(first: dt.date, last: dt.date) -> Iterator[_Pending]:
    offers = list(Offer.objects.filter(created_at__date__range=(first, last)).order_by("pk"))
    journeys = _journeys_of(offers)
    for offer in offers:
        journey = journeys.get((offer.instance, offer.household_key))
        if journey is None or offer.eligibility != "entitled":
            continue
        yield _record(
            journey.person_id,
            Kind.OFFER_MADE,
            _day(offer.created_at),
            journey.event,
            service=offer.service,
            organisation=offer.organisation,
        )


def _case_record(case: Case, kind: Kind, day: dt.date) -> _Pending:
    days = (day - _day(case.opened_at)).days if kind is Kind.CASE_DECIDED else None
    return _record(
        case.person_id,
        kind,
        day,
        case.journey.event if case.journey is not None else "",
        service=case.service,
        organisation=case.organisation,
        processing_days=days,
    )


def _case_records(first: dt.date, last: dt.date) -> Iterator[_Pending]:
    cases = Case.objects.select_related("journey").order_by("pk")
    for case in cases.filter(opened_at__date__range=(first, last)):
        opened = _day(case.opened_at)
        if case.offer_id is not None:  # accepting the offer is what opened the case
            yield _case_record(case, Kind.OFFER_ACCEPTED, opened)
        yield _case_record(case, Kind.CASE_OPENED, opened)
    for case in cases.filter(decided_at__date__range=(first, last)):
        if case.decided_at is not None:  # always, by the filter
            yield _case_record(case, Kind.CASE_DECIDED, _day(case.decided_at))


_LOOKUP_CHUNK = 1000  # persons per query (well below SQLite's limit of variables)


def _bsns(person_ids: Iterable[int]) -> dict[str, int]:
    """BSN -> person id, for the persons that have one (the registry knows no other)."""
    ids = sorted(set(person_ids))
    found: dict[str, int] = {}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = registry.bsns_by_person_id(ids[start : start + _LOOKUP_CHUNK])
        found.update({bsn: person_id for person_id, bsn in chunk.items()})
    return found


def municipalities(person_ids: Iterable[int]) -> dict[int, str]:
    """Person id -> municipality code (CBS), read for all of them in one statistical read.

    Raises `ActivityUnavailableError` when the exchange refuses (nothing is published)."""
    bsns = _bsns(person_ids)
    if not bsns:
        return {}
    try:
        found = exchange.read_for_statistics(
            STATISTICS_REQUESTER, STATISTICS_ACTIVITY, list(bsns), [MUNICIPALITY_FIELD]
        )
    except exchange.RefusedError as refusal:
        raise ActivityUnavailableError(
            f"the municipalities could not be read through the exchange ({refusal.reason}): "
            "nothing was published; publish again once the registry answers and the "
            "processing log can be written"
        ) from refusal
    return {bsns[bsn]: str(values.get(MUNICIPALITY_FIELD) or "") for bsn, values in found.items()}


def activity(period_start: dt.date, period_end: dt.date) -> list[ActivityRecord]:
    """Every record whose day lies from `period_start` to `period_end` (both included)."""
    if period_end < period_start:
        return []
    pending = [
        *_journey_records(period_start, period_end),
        *_offer_records(period_start, period_end),
        *_case_records(period_start, period_end),
    ]
    where = municipalities(person_id for person_id, _ in pending)
    return [
        dataclasses.replace(record, municipality=where.get(person_id, ""))
        for person_id, record in pending
    ]
