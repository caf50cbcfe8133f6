# SPDX-License-Identifier: EUPL-1.2
"""Deliver due events to their organisation's webhook: claim, send, record the outcome."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import structlog
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lifegate.config import env
from lifegate.outbox import cloudevents, scheduling
from lifegate.outbox.models import Event, EventState, Subscription
from lifegate.outbox.services import as_cloudevent
from lifegate.outbox.transport import WebhookRequest, WebhookTransport

logger = structlog.get_logger(__name__)
LEASE = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class DeliveryReport:
    claimed: int = 0
    delivered: int = 0
    retried: int = 0
    dead: int = 0
    poll_only: int = 0


def _claim(now: dt.datetime, limit: int) -> list[Event]:
    with transaction.atomic():
        due = (
            Event.objects.select_for_update(skip_locked=True)
            .filter(state=EventState.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .values_list("sequence", flat=True)[:limit]
        )
        sequences = list(due)
        if not sequences:
            return []
        Event.objects.filter(sequence__in=sequences).update(
            next_attempt_at=now + LEASE, attempts=F("attempts") + 1
        )
        # If this process dies before recording the outcome, a pump picks them up again.
        scheduling.ensure_pump(now + LEASE)
        return list(Event.objects.filter(sequence__in=sequences).order_by("sequence"))


def _subscriptions(organisations: set[str]) -> dict[str, Subscription]:
    rows = Subscription.objects.filter(organisation__in=organisations, active=True)
    return {row.organisation: row for row in rows.order_by("created_at")}


def _wants(subscription: Subscription | None, event: Event) -> bool:
    if subscription is None:
        return False
    prefixes: list[str] = list(subscription.event_types or [])
    return not prefixes or any(event.type.startswith(prefix) for prefix in prefixes)


def _send(transport: WebhookTransport, subscription: Subscription, event: Event) -> str:
    """'' when the receiver accepted the event, else a short reason (no payload in it)."""
    body = cloudevents.encode(as_cloudevent(event))
    headers = cloudevents.signature_headers(
        subscription.secret, str(event.id), timezone.now(), body
    )
    response = transport.send(WebhookRequest(subscription.url, body, headers))
    if response.accepted:
        return ""
    return response.error or f"status {response.status}"


def _record_failures(failed: dict[str, list[Event]], now: dt.datetime) -> tuple[int, int]:
    base = float(env.OUTBOX_RETRY_SECONDS.read())
    limit = env.OUTBOX_MAX_ATTEMPTS.read()
    retried = dead = 0
    for reason, events in failed.items():
        for event in events:
            if event.attempts >= limit:
                Event.objects.filter(sequence=event.sequence).update(
                    state=EventState.DEAD, last_error=reason[:200]
                )
                dead += 1
                logger.warning("outbox.dead_letter", event_id=str(event.id), type=event.type)
                continue
            wait = dt.timedelta(seconds=cloudevents.backoff(event.attempts, base))
            Event.objects.filter(sequence=event.sequence).update(
                next_attempt_at=now + wait, last_error=reason[:200]
            )
            retried += 1
    return retried, dead


def deliver_due(
    transport: WebhookTransport, *, limit: int = 100, now: dt.datetime | None = None
) -> DeliveryReport:
    """Deliver up to `limit` due events, one POST each, and record what happened."""
    now = now or timezone.now()
    events = _claim(now, limit)
    if not events:
        return DeliveryReport()
    subscriptions = _subscriptions({e.organisation for e in events})
    delivered: list[int] = []
    poll_only: list[int] = []
    failed: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        subscription = subscriptions.get(event.organisation)
        if subscription is None or not _wants(subscription, event):
            poll_only.append(event.sequence)
            continue
        reason = _send(transport, subscription, event)
        if reason:
            failed[reason].append(event)
        else:
            delivered.append(event.sequence)
    finished = timezone.now()
    Event.objects.filter(sequence__in=delivered).update(
        state=EventState.DELIVERED, delivered_at=finished, last_error=""
    )
    Event.objects.filter(sequence__in=poll_only).update(state=EventState.POLL_ONLY)
    retried, dead = _record_failures(failed, finished)
    return DeliveryReport(len(events), len(delivered), retried, dead, len(poll_only))
