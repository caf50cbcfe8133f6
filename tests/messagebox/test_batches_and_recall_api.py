# SPDX-License-Identifier: EUPL-1.2
"""Bulk send, recall, status, replies and polling through the agency API."""

import pytest

from lifegate.messagebox import services
from lifegate.messagebox.models import AccessAttempt, Message
from lifegate.outbox.models import Event
from tests.messagebox import factories

pytestmark = pytest.mark.django_db


def _batch(bsns, prefix="b"):
    return {
        "messages": [
            {**factories.message_body(bsn), "idempotencyKey": f"{prefix}-{i}"}
            for i, bsn in enumerate(bsns)
        ]
    }


def test_a_batch_accepts_sound_items_and_refuses_bad_ones_each_with_its_own_result(svb, sanne):
    body = _batch([sanne.bsn, factories.valid_bsn(3), sanne.bsn])

    response = svb.post("/messagebox/message-batches", body, key="batch-1")

    results = response.json()["results"]
    assert response.status_code == 200
    assert [r["status"] for r in results] == [201, 422, 201]
    assert results[1]["problem"]["invalidParams"][0]["name"] == "recipient.id"
    assert Message.objects.count() == 2
    assert Event.objects.count() == 2


def test_a_retried_batch_creates_nothing_new_and_gives_the_same_ids(svb, sanne):
    body = _batch([sanne.bsn] * 3)

    first = svb.post("/messagebox/message-batches", body, key="batch-1").json()
    again = svb.post("/messagebox/message-batches", body, key="batch-1").json()
    other_key = svb.post("/messagebox/message-batches", body, key="batch-2").json()

    ids = [r["id"] for r in first["results"]]
    assert [r["id"] for r in again["results"]] == ids
    assert [r["id"] for r in other_key["results"]] == ids
    assert [r["status"] for r in other_key["results"]] == [200, 200, 200]
    assert Message.objects.count() == 3


def test_a_batch_key_reused_with_another_body_is_refused(svb, sanne):
    svb.post("/messagebox/message-batches", _batch([sanne.bsn]), key="batch-1")

    response = svb.post("/messagebox/message-batches", _batch([sanne.bsn], "other"), key="batch-1")

    assert response.status_code == 422


def test_a_batch_of_more_than_1000_is_refused(svb, sanne):
    response = svb.post("/messagebox/message-batches", _batch([sanne.bsn] * 1001), key="big")

    assert response.status_code == 400
    assert Message.objects.count() == 0


def test_an_unread_message_can_be_recalled_and_disappears_from_the_box(svb, sanne):
    sent = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k").json()

    response = svb.post(f"/messagebox/messages/{sent['id']}/recall", key="recall-1")
    again = svb.post(f"/messagebox/messages/{sent['id']}/recall", key="recall-1")

    assert response.status_code == 200
    assert response.json()["status"] == "recalled"
    assert again.status_code == 200
    party = services.party_of_person(sanne.person_id)
    assert services.list_messages(party, language="nl").total == 0
    assert Event.objects.filter(type="nl.lifegate.messagebox.message-recalled").count() == 1


def test_a_read_message_cannot_be_recalled(svb, sanne):
    sent = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k").json()
    party = services.party_of_person(sanne.person_id)
    services.open_message(services.Viewer(party, party), sent["id"], "nl")

    response = svb.post(f"/messagebox/messages/{sent['id']}/recall", key="recall-1")

    assert response.status_code == 409
    assert svb.get(f"/messagebox/messages/{sent['id']}").json()["status"] == "read"


def test_an_agency_reading_a_message_it_did_not_send_gets_404_and_the_attempt_is_logged(
    svb, duo, sanne
):
    sent = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k").json()

    responses = [
        duo.get(f"/messagebox/messages/{sent['id']}"),
        duo.get(f"/messagebox/messages/{sent['id']}/replies"),
        duo.post(f"/messagebox/messages/{sent['id']}/recall", key="x"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert AccessAttempt.objects.filter(channel="api", actor="organisation:duo").count() == 3
    assert Message.objects.get(id=sent["id"]).folder == "inbox"


def test_an_agency_polls_its_own_events_in_order_with_a_cursor(svb, duo, sanne):
    for key in ("a", "b"):
        svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key=key)
    duo.post("/messagebox/messages", factories.message_body(sanne.bsn), key="c")

    first = svb.get("/messagebox/events", limit=1).json()
    rest = svb.get("/messagebox/events", after=first["nextAfter"]).json()

    assert len(first["events"]) == 1
    assert len(rest["events"]) == 1
    assert {e["type"] for e in first["events"] + rest["events"]} == {
        "nl.lifegate.messagebox.message-delivered"
    }
    assert first["events"][0]["specversion"] == "1.0"


def test_the_agency_reads_the_reply_of_the_recipient(svb, sanne):
    sent = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k").json()
    party = services.party_of_person(sanne.person_id)
    services.reply(services.Viewer(party, party), sent["id"], "Dank u, klopt.", "nl")

    replies = svb.get(f"/messagebox/messages/{sent['id']}/replies").json()

    assert [r["body"] for r in replies] == ["Dank u, klopt."]
    types = list(Event.objects.order_by("sequence").values_list("type", flat=True))
    assert types[-1] == "nl.lifegate.messagebox.message-replied"
