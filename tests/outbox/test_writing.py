# SPDX-License-Identifier: EUPL-1.2
"""Rows and their events are written together or not at all, on SQLite and PostgreSQL."""

import uuid

import pytest
from django.db import IntegrityError

from lifegate.outbox import services as outbox
from lifegate.outbox.models import Event, Subscription

pytestmark = pytest.mark.django_db


def _drafts(count):
    return [
        outbox.EventDraft("nl.lifegate.test.happened", str(uuid.uuid4()), {"n": n}, "svb")
        for n in range(count)
    ]


def _subscriptions(count):
    """Rows naming some fields; the id (uuid4), the JSON list and the times are defaults."""
    return [
        {"organisation": "svb", "url": "https://svb.example/hook", "idempotency_key": f"k{n}"}
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 3, 250], ids=["one", "few", "many (COPY)"])
def test_rows_and_their_events_are_written_together(count):
    outbox.publish_with(Subscription, _subscriptions(count), _drafts(count))

    rows = Subscription.objects.all()
    assert len({row.id for row in rows}) == count
    assert all(row.event_types == [] and row.active and row.created_at for row in rows)
    events = Event.objects.order_by("sequence")
    assert [e.data["n"] for e in events] == list(range(count))
    assert all(e.state == "pending" and e.sequence for e in events)


@pytest.mark.parametrize("count", [1, 250], ids=["one", "many (COPY)"])
def test_a_duplicate_key_writes_neither_the_rows_nor_the_events(count):
    outbox.publish_with(Subscription, _subscriptions(1), _drafts(1))

    with pytest.raises(IntegrityError):
        outbox.publish_with(Subscription, _subscriptions(count), _drafts(count))

    assert Subscription.objects.count() == 1
    assert Event.objects.count() == 1


def test_appended_events_can_be_polled_in_order():
    outbox.append_many(_drafts(20))

    polled = outbox.list_events("svb", after=0, limit=100)

    assert [e["data"]["n"] for e in polled] == list(range(20))
