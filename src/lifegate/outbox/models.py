# SPDX-License-Identifier: EUPL-1.2
"""Outbox tables; nobody outside the block imports them (use `outbox.services`)."""

from __future__ import annotations

import uuid

from django.db import models


class EventState(models.TextChoices):
    PENDING = "pending", "pending"
    DELIVERED = "delivered", "delivered"
    DEAD = "dead", "dead letter"
    # The organisation has no webhook: the event is only for polling.
    POLL_ONLY = "poll-only", "poll only"


class Event(models.Model):
    """One event, written in the transaction of the change it describes.

    `sequence` orders events for polling; `id` is the CloudEvents id a receiver deduplicates
    on. `next_attempt_at` doubles as the lease: a deliverer claims an event by moving it into
    the future, so a crashed deliverer's events come due again by themselves.
    """

    sequence = models.BigAutoField(primary_key=True)
    id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(max_length=120)
    source = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    organisation = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    time = models.DateTimeField()
    state = models.CharField(max_length=10, choices=EventState.choices, default=EventState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=200, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "sequence"], name="outbox_event_org_seq"),
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_event_due",
                condition=models.Q(state="pending"),
            ),
            models.Index(
                fields=["organisation", "state"],
                name="outbox_event_dead",
                condition=models.Q(state="dead"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.id}"


class Subscription(models.Model):
    """An organisation's webhook. Events of the organisation whose type starts with one of
    `event_types` (all when empty) are POSTed to `url`, signed with `secret`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.CharField(max_length=64, db_index=True)
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=80)
    event_types = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)
    idempotency_key = models.CharField(max_length=200, blank=True)
    request_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                name="outbox_subscription_idempotency",
                condition=~models.Q(idempotency_key=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.url}"
