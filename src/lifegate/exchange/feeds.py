# SPDX-License-Identifier: EUPL-1.2
"""`registry_events`: the persons registry's events of a day, for a purpose, logged.

A subscriber (the journeys) gets who was born, turned 18, reached pension age or died on a
day; the exchange checks the purpose, grants the feed for 30 seconds, and writes one log
record per person named in it, like any read, so each shows on that person's data-use page.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import DatabaseError, transaction
from django.utils import timezone

from lifegate.exchange import activities, log
from lifegate.exchange.policy import RefusedError
from lifegate.exchange.reads import Requester
from lifegate.exchange.trace import TraceContext
from lifegate.registries import grants
from lifegate.registries import services as registries

FEED_FIELD = f"{registries.EVENT_FEED}.{registries.EVENT_FIELD}"
PersonEvent = registries.PersonEvent


def _activity(requester: Requester, purpose: str) -> activities.Activity:
    if not purpose:
        raise RefusedError("purpose-missing")
    activity = activities.find(purpose)
    if activity is None:
        raise RefusedError("purpose-unknown")
    if activity.organisation != requester.organisation:
        raise RefusedError("purpose-not-of-requester")
    if FEED_FIELD not in activity.fields:
        raise RefusedError("field-not-allowed", (FEED_FIELD,))
    return activity


def _grant(activity: activities.Activity) -> str:
    return grants.encode(
        grants.Grant(
            registries.EVENT_FEED,
            (registries.EVENT_FIELD,),
            (),
            activity.id,
            activity.organisation,
            time.time() + 30,
        )
    )


def _log(activity: activities.Activity, events: list[PersonEvent], span: TraceContext) -> None:
    started = timezone.now()
    named = dict.fromkeys(b for e in events for b in (e.bsn, *e.related_bsns))
    with transaction.atomic():
        for bsn in named:
            log.write(
                log.Entry(
                    trace=span,
                    activity_id=activity.id,
                    organisation_id=activity.organisation,
                    subject_hash=log.subject_hash("bsn", bsn),
                    status="released",
                    fields=(FEED_FIELD,),
                    started_at=started,
                    ended_at=timezone.now(),
                    basis=activity.basis,
                )
            )


def registry_events(
    requester: Requester, purpose: str, day: dt.date, trace: TraceContext | None = None
) -> list[PersonEvent]:
    """The persons registry's events of `day` for `purpose`, or `RefusedError`.

    Released only after every person named in them has a log record (and ledger entry)."""
    activity = _activity(requester, purpose)
    events = registries.events_on(day, _grant(activity))
    try:
        _log(activity, events, (trace or TraceContext.new()).child())
    except DatabaseError as exc:
        raise RefusedError("log-unavailable") from exc
    return events
