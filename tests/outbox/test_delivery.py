# SPDX-License-Identifier: EUPL-1.2
"""Outbox delivery: signed CloudEvents, retries with backoff, dead letters, replay."""

import datetime as dt
import json

import pytest
from django.db import transaction
from django.utils import timezone

from lifegate.outbox import cloudevents, delivery, services
from lifegate.outbox.models import Event
from lifegate.outbox.transport import WebhookResponse

pytestmark = pytest.mark.django_db


class Receiver:
    """A fake webhook receiver that records requests and answers with `status`."""

    def __init__(self, status=204):
        self.status = status
        self.requests = []

    def send(self, request):
        self.requests.append(request)
        return WebhookResponse(self.status, "" if self.status < 300 else "rejected")


def test_an_event_published_in_a_rolled_back_transaction_does_not_exist():
    with pytest.raises(RuntimeError), transaction.atomic():
        services.publish("nl.lifegate.test.happened", "s-1", {}, "svb")
        raise RuntimeError("the change failed")

    assert Event.objects.count() == 0


def test_a_due_event_is_delivered_signed_to_the_organisations_webhook():
    subscription = services.subscribe("svb", "https://svb.example/hook")
    published = services.publish("nl.lifegate.test.happened", "s-1", {"n": 1}, "svb")
    receiver = Receiver()

    report = delivery.deliver_due(receiver)

    assert report.delivered == 1
    request = receiver.requests[0]
    assert request.url == "https://svb.example/hook"
    assert cloudevents.verify(subscription.secret, request.headers, request.body, timezone.now())
    body = json.loads(request.body)
    assert (body["id"], body["type"], body["data"]) == (
        published.id,
        "nl.lifegate.test.happened",
        {"n": 1},
    )
    assert delivery.deliver_due(receiver).claimed == 0


def test_events_of_an_organisation_without_a_webhook_stay_for_polling_only():
    services.publish("nl.lifegate.test.happened", "s-1", {}, "duo")

    report = delivery.deliver_due(Receiver())

    assert report.poll_only == 1
    assert len(services.list_events("duo")) == 1


def test_a_refused_delivery_is_retried_later_with_backoff_then_dead_lettered(monkeypatch):
    monkeypatch.setenv("LIFEGATE_OUTBOX_MAX_ATTEMPTS", "3")
    services.subscribe("svb", "https://svb.example/hook")
    services.publish("nl.lifegate.test.happened", "s-1", {}, "svb")
    receiver = Receiver(status=500)
    now = timezone.now()

    first = delivery.deliver_due(receiver, now=now)
    too_soon = delivery.deliver_due(receiver, now=now + dt.timedelta(seconds=5))
    second = delivery.deliver_due(receiver, now=now + dt.timedelta(seconds=11))
    third = delivery.deliver_due(receiver, now=now + dt.timedelta(seconds=40))

    assert (first.retried, too_soon.claimed, second.retried, third.dead) == (1, 0, 1, 1)
    dead = services.list_dead_letters("svb")
    assert [d.attempts for d in dead] == [3]
    assert dead[0].last_error == "rejected"


def test_a_replayed_dead_letter_is_delivered_again():
    services.subscribe("svb", "https://svb.example/hook")
    event = services.publish("nl.lifegate.test.happened", "s-1", {}, "svb")
    Event.objects.update(state="dead", attempts=10)

    replayed = services.replay([event.id], "svb")
    report = delivery.deliver_due(Receiver())

    assert (replayed, report.delivered) == (1, 1)
    assert services.list_dead_letters() == []


def test_a_crashed_delivery_comes_due_again_when_its_lease_ends():
    services.subscribe("svb", "https://svb.example/hook")
    services.publish("nl.lifegate.test.happened", "s-1", {}, "svb")
    now = timezone.now()
    delivery._claim(now, 10)  # claimed, then the process died before sending

    assert delivery.deliver_due(Receiver(), now=now + dt.timedelta(seconds=30)).claimed == 0
    assert delivery.deliver_due(Receiver(), now=now + delivery.LEASE).delivered == 1


def test_a_subscription_filters_event_types_by_prefix():
    services.subscribe("svb", "https://svb.example/hook", ["nl.lifegate.messagebox."])
    services.publish("nl.lifegate.cases.opened", "c-1", {}, "svb")
    services.publish("nl.lifegate.messagebox.message-read", "m-1", {}, "svb")
    receiver = Receiver()

    delivery.deliver_due(receiver)

    assert [json.loads(r.body)["type"] for r in receiver.requests] == [
        "nl.lifegate.messagebox.message-read"
    ]
