# SPDX-License-Identifier: EUPL-1.2
"""A company's box, by KvK number: its owner reads it by law; nobody else gets in."""

from __future__ import annotations

import time
from dataclasses import asdict

import pytest
from django.test import Client

from lifegate.demo import models as demo
from lifegate.identity import models as identity_tables
from lifegate.identity import session
from lifegate.outbox.models import Event
from tests.messagebox import factories

pytestmark = pytest.mark.django_db
KVK = "90000001"


def _acting_for_company(person: demo.Person) -> Client:
    client = Client()
    store = client.session
    store[session.CITIZEN] = asdict(
        session.Citizen(
            "nl", person.person_id, True, person.given_names, person.family_name,
            "1980-01-01", "substantial",
        )
    )  # fmt: skip
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store[session.ACTING_FOR] = {
        "party": asdict(session.Party("company", KVK, "Bakkerij Van Dijk")),
        "basis": "law",
        "mandate_id": None,
    }
    store.save()
    return client


def _send_to_company(svb) -> str:
    body = factories.message_body(KVK, recipient_type="kvk")
    response = svb.post("/messagebox/messages", body, key="kvk-1")
    assert response.status_code == 201, response.content
    return str(response.json()["id"])


def test_the_owner_reads_the_companys_message_and_it_is_recorded_under_both_names(svb):
    owner = factories.person(given_names="Lotte")
    factories.company(owner, KVK)
    message_id = _send_to_company(svb)
    client = _acting_for_company(owner)

    listing = client.get("/en/messages")
    opened = client.get(f"/en/messages/{message_id}")

    assert "Child benefit granted" in listing.content.decode()
    assert opened.status_code == 200
    read = Event.objects.get(type="nl.lifegate.messagebox.message-read")
    assert read.data["messageId"] == message_id
    opened_record = identity_tables.ActionRecord.objects.get(action="messagebox.opened")
    assert (opened_record.actor_ref, opened_record.subject_ref) == (str(owner.person_id), KVK)


def test_someone_who_is_not_the_owner_sees_only_their_own_box(svb):
    factories.company(factories.person(given_names="Lotte"), KVK)
    message_id = _send_to_company(svb)
    stranger = factories.person(given_names="Femke")
    client = _acting_for_company(stranger)

    listing = client.get("/en/messages")
    opened = client.get(f"/en/messages/{message_id}")

    assert listing.status_code == 200
    assert "Child benefit granted" not in listing.content.decode()
    assert opened.status_code == 404
    assert not Event.objects.filter(type="nl.lifegate.messagebox.message-read").exists()
