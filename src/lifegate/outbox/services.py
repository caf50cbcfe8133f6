# SPDX-License-Identifier: EUPL-1.2
"""The outbox's door: publish events in the caller's transaction, poll them, deliver them.

    with transaction.atomic():
        change_something()
        outbox.services.publish("nl.lifegate.cases.status-changed", case_id, {...}, "svb")

The event exists exactly when the change does. Delivery is at-least-once: a receiver tells
redeliveries apart by the CloudEvents `id`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Model
from django.utils import timezone

from lifegate.outbox import cloudevents, scheduling, writing
from lifegate.outbox.models import Event, EventState, Subscription
from lifegate.outbox.writing import insert_rows

__all__ = [
    "DeadLetter",
    "EventDraft",
    "IdempotencyConflictError",
    "PublishedEvent",
    "SubscriptionInfo",
    "append_many",
    "as_cloudevent",
    "cancel_subscription",
    "default_source",
    "event_counts",
    "insert_rows",
    "list_dead_letters",
    "list_events",
    "list_subscriptions",
    "publish",
    "publish_many",
    "publish_with",
    "replay",
    "subscribe",
]


@dataclass(frozen=True)
class EventDraft:
    """An event to publish: `subject` is the id of the thing it is about."""

    event_type: str
    subject: str
    data: dict[str, Any]
    organisation: str
    source: str = ""


@dataclass(frozen=True)
class PublishedEvent:
    id: str
    sequence: int
    type: str
    subject: str
    organisation: str


@dataclass(frozen=True)
class SubscriptionInfo:
    id: str
    organisation: str
    url: str
    event_types: tuple[str, ...]
    secret: str
    created: bool


@dataclass(frozen=True)
class DeadLetter:
    id: str
    type: str
    subject: str
    attempts: int
    last_error: str
    time: dt.datetime


def default_source() -> str:
    return f"{settings.PUBLIC_URL}/api/v1"


def _row(draft: EventDraft, now: dt.datetime) -> Event:
    return Event(
        type=draft.event_type,
        source=draft.source or default_source(),
        subject=draft.subject,
        organisation=draft.organisation,
        data=draft.data,
        time=now,
        next_attempt_at=now,
    )


def _published(event: Event) -> PublishedEvent:
    return PublishedEvent(
        str(event.id), event.sequence, event.type, event.subject, event.organisation
    )


def publish(
    event_type: str, subject: str, data: dict[str, Any], organisation: str, *, source: str = ""
) -> PublishedEvent:
    """Write one event; call inside the transaction of the change it describes."""
    return publish_many([EventDraft(event_type, subject, data, organisation, source)])[0]


def publish_many(drafts: Sequence[EventDraft]) -> list[PublishedEvent]:
    """Write several events with one insert (bulk operations), in the caller's transaction."""
    if not drafts:
        return []
    now = timezone.now()
    rows = Event.objects.bulk_create([_row(draft, now) for draft in drafts])
    if rows and rows[0].sequence is None:  # backends without RETURNING (older SQLite)
        rows = list(Event.objects.filter(id__in=[r.id for r in rows]).order_by("sequence"))
    scheduling.wake(now)
    return [_published(row) for row in rows]


def _event_rows(drafts: Sequence[EventDraft], now: dt.datetime) -> list[dict[str, Any]]:
    source = default_source()
    return [
        {
            "id": uuid.uuid4(),
            "type": d.event_type,
            "source": d.source or source,
            "subject": d.subject,
            "organisation": d.organisation,
            "data": d.data,
            "time": now,
            "next_attempt_at": now,
        }
        for d in drafts
    ]


def append_many(drafts: Sequence[EventDraft]) -> int:
    """Write events like `publish_many`, in the caller's transaction, without reading their
    sequences back: for bulk operations (one `COPY` on PostgreSQL). Returns how many."""
    if not drafts:
        return 0
    now = timezone.now()
    writing.insert_rows(Event, _event_rows(drafts, now))
    scheduling.wake(now)
    return len(drafts)


def publish_with(
    model: type[Model], rows: Sequence[Mapping[str, Any]], drafts: Sequence[EventDraft]
) -> None:
    """Insert `rows` (plain dicts of field values) into the caller's `model` and publish
    `drafts`, both or neither. For a few rows on PostgreSQL this is one statement; many rows
    are written with `COPY` in one transaction."""
    now = timezone.now()
    writing.insert_together((model, rows), (Event, _event_rows(drafts, now)))
    scheduling.wake(now)


def as_cloudevent(event: Event) -> dict[str, Any]:
    return cloudevents.envelope(
        event_id=str(event.id),
        event_type=event.type,
        source=event.source,
        subject=event.subject,
        time=event.time,
        data=event.data,
        sequence=event.sequence,
    )


def list_events(
    organisation: str, *, after: int = 0, limit: int = 100, type_prefix: str = ""
) -> list[dict[str, Any]]:
    """CloudEvents of `organisation` with a sequence above `after`, oldest first (polling).

    A poller keeps the highest `sequence` it has seen and passes it as `after`. Sequences are
    assigned before commit, so a poller re-reads the last few seconds (see README) to catch
    a slow transaction that committed a lower sequence late.
    """
    events = Event.objects.filter(organisation=organisation, sequence__gt=after)
    if type_prefix:
        events = events.filter(type__startswith=type_prefix)
    return [as_cloudevent(event) for event in events.order_by("sequence")[:limit]]


def list_dead_letters(organisation: str | None = None, limit: int = 100) -> list[DeadLetter]:
    events = Event.objects.filter(state=EventState.DEAD)
    if organisation is not None:
        events = events.filter(organisation=organisation)
    return [
        DeadLetter(str(e.id), e.type, e.subject, e.attempts, e.last_error, e.time)
        for e in events.order_by("sequence")[:limit]
    ]


def replay(event_ids: Iterable[str], organisation: str | None = None) -> int:
    """Put dead letters back in the queue with fresh attempts; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        events = Event.objects.filter(id__in=list(event_ids), state=EventState.DEAD)
        if organisation is not None:
            events = events.filter(organisation=organisation)
        count = events.update(
            state=EventState.PENDING, attempts=0, next_attempt_at=now, last_error=""
        )
        if count:
            scheduling.ensure_pump(now)
    return count


def subscribe(
    organisation: str,
    url: str,
    event_types: Sequence[str] = (),
    *,
    idempotency_key: str = "",
    request_hash: str = "",
) -> SubscriptionInfo:
    """Set the organisation's webhook (replacing an earlier one); the secret signs deliveries.

    The same `idempotency_key` returns the subscription it created, secret included; a
    different `request_hash` under that key raises `IdempotencyConflict`.
    """
    if idempotency_key:
        earlier = Subscription.objects.filter(
            organisation=organisation, idempotency_key=idempotency_key
        ).first()
        if earlier is not None:
            return _checked(earlier, request_hash)
    try:
        with transaction.atomic():
            Subscription.objects.filter(organisation=organisation, active=True).update(active=False)
            row = Subscription.objects.create(
                organisation=organisation,
                url=url,
                secret=cloudevents.new_secret(),
                event_types=list(event_types),
                idempotency_key=idempotency_key,
                request_hash=request_hash,
            )
    except IntegrityError:  # a concurrent retry with the same key won
        row = Subscription.objects.get(organisation=organisation, idempotency_key=idempotency_key)
        return _checked(row, request_hash)
    return _subscription_info(row, created=True)


class IdempotencyConflictError(Exception):
    """The Idempotency-Key was used before for a different request."""


def _checked(row: Subscription, request_hash: str) -> SubscriptionInfo:
    if row.request_hash != request_hash:
        raise IdempotencyConflictError(row.idempotency_key)
    return _subscription_info(row, created=False)


def _subscription_info(row: Subscription, *, created: bool) -> SubscriptionInfo:
    return SubscriptionInfo(
        str(row.id), row.organisation, row.url, tuple(row.event_types), row.secret, created
    )


def list_subscriptions(organisation: str) -> list[SubscriptionInfo]:
    rows = Subscription.objects.filter(organisation=organisation, active=True)
    return [_subscription_info(row, created=False) for row in rows]


def cancel_subscription(organisation: str, subscription_id: str) -> bool:
    updated = Subscription.objects.filter(
        organisation=organisation, id=subscription_id, active=True
    ).update(active=False)
    return updated > 0


def event_counts(organisation: str | None = None) -> dict[str, int]:
    """How many events are in each state (for monitoring and tests)."""
    events = Event.objects.all()
    if organisation is not None:
        events = events.filter(organisation=organisation)
    counts = {state.value: 0 for state in EventState}
    for row in events.values("state").annotate(total=Count("sequence")).order_by():
        counts[row["state"]] = row["total"]
    return counts
