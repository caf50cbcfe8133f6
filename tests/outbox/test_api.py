# SPDX-License-Identifier: EUPL-1.2
"""An agency's webhook subscription and dead letters over the API; officials replay in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lifegate.outbox import delivery, services
from lifegate.outbox.models import Event, EventState
from lifegate.outbox.transport import WebhookResponse
from tests.identity.agency import agency_token
from tests.messagebox.conftest import AgencyClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def svb(db: None) -> AgencyClient:
    return AgencyClient(Client(), agency_token("svb"))


@pytest.fixture
def duo(db: None) -> AgencyClient:
    return AgencyClient(Client(), agency_token("duo"))


class Receiver:
    def __init__(self) -> None:
        self.requests: list[object] = []

    def send(self, request: object) -> WebhookResponse:
        self.requests.append(request)
        return WebhookResponse(204, "")


def _dead(organisation: str, subject: str) -> str:
    event = services.publish("nl.lifegate.test.happened", subject, {}, organisation)
    Event.objects.filter(id=event.id).update(state=EventState.DEAD, attempts=10, last_error="503")
    return str(event.id)


def test_the_webhook_secret_is_shown_once_and_a_new_subscription_replaces_the_old(svb):
    first = svb.post("/outbox/subscriptions", {"url": "https://svb.example/a"}, key="s-1")
    retried = svb.post("/outbox/subscriptions", {"url": "https://svb.example/a"}, key="s-1")
    second = svb.post("/outbox/subscriptions", {"url": "https://svb.example/b"}, key="s-2")

    listed = svb.get("/outbox/subscriptions").json()

    assert (first.status_code, retried.status_code, second.status_code) == (201, 200, 201)
    assert first.json()["secret"].startswith("whsec_")
    assert retried.json() == first.json()
    assert [(s["url"], s["secret"]) for s in listed] == [("https://svb.example/b", "")]


def test_a_subscription_key_reused_for_another_url_is_refused(svb):
    svb.post("/outbox/subscriptions", {"url": "https://svb.example/a"}, key="s-1")

    again = svb.post("/outbox/subscriptions", {"url": "https://svb.example/z"}, key="s-1")

    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"


def test_an_agency_lists_and_replays_only_its_own_dead_letters(svb, duo):
    svb.post("/outbox/subscriptions", {"url": "https://svb.example/hook"}, key="s-1")
    own, theirs = _dead("svb", "svb-1"), _dead("duo", "duo-1")

    listed = svb.get("/outbox/dead-letters").json()
    foreign = svb.post(f"/outbox/dead-letters/{theirs}/replay", key="r-1")
    replayed = svb.post(f"/outbox/dead-letters/{own}/replay", key="r-2")
    twice = svb.post(f"/outbox/dead-letters/{own}/replay", key="r-3")
    receiver = Receiver()
    delivery.deliver_due(receiver)

    assert [(d["id"], d["attempts"], d["lastError"]) for d in listed] == [(own, 10, "503")]
    assert foreign.status_code == 404
    assert foreign["Content-Type"] == "application/problem+json"
    assert Event.objects.get(id=theirs).state == EventState.DEAD
    assert replayed.json() == {"replayed": 1}
    assert twice.status_code == 404  # no longer a dead letter
    assert len(receiver.requests) == 1
    assert Event.objects.get(id=own).state == EventState.DELIVERED
    assert [d["id"] for d in duo.get("/outbox/dead-letters").json()] == [theirs]


def test_an_official_finds_dead_letters_in_the_admin_and_replays_them():
    dead = Event.objects.get(id=_dead("svb", "svb-1"))
    alive = Event.objects.get(id=services.publish("nl.lifegate.test.x", "s", {}, "svb").id)
    Event.objects.filter(pk=alive.pk).update(state=EventState.DELIVERED, attempts=1)
    operator = get_user_model().objects.create_superuser("operator", "op@example.nl", "pw")
    client = Client()
    client.force_login(operator)
    url = "/en/admin/outbox/event/"

    listed = client.get(url, {"state__exact": "dead"}).context["cl"].result_list
    response = client.post(
        url, {"action": "replay_dead_letters", "_selected_action": [dead.pk, alive.pk]}
    )

    assert list(listed) == [dead]
    assert response.status_code == 302
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.state, dead.attempts) == (EventState.PENDING, 0)
    assert (alive.state, alive.attempts) == (EventState.DELIVERED, 1)  # only dead ones replay
