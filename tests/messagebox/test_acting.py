# SPDX-License-Identifier: EUPL-1.2
"""The portal pages under a mandate: the scope must cover the message box, and everything
done is recorded under both names."""

import datetime as dt
import time
from dataclasses import asdict

import pytest
from django.test import Client
from django.utils import timezone

from lifegate.demo import models as demo
from lifegate.identity import models as identity_tables
from lifegate.identity import services as identity
from lifegate.identity import session
from lifegate.outbox.models import Event
from tests.messagebox import factories

pytestmark = pytest.mark.django_db


def _mandate(grantor: demo.Person, holder: demo.Person, scope: str) -> int:
    today = timezone.localdate()
    demo.MandateSeed.objects.create(
        grantor_person=grantor,
        holder_person=holder,
        scope=scope,
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=365),
    )
    identity.seed_persona_mandates()
    return identity_tables.Mandate.objects.get(holder_person_id=holder.person_id, scope=scope).pk


def _signed_in_as(holder: demo.Person, grantor: demo.Person, mandate_id: int) -> Client:
    client = Client()
    store = client.session
    store[session.CITIZEN] = asdict(
        session.Citizen(
            "nl",
            holder.person_id,
            True,
            holder.given_names,
            holder.family_name,
            "1973-02-02",
            "substantial",
        )
    )
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    grantor_party = session.Party("person", str(grantor.person_id), grantor.given_names)
    store[session.ACTING_FOR] = {
        "party": asdict(grantor_party),
        "basis": "mandate",
        "mandate_id": mandate_id,
    }
    store.save()
    return client


@pytest.fixture
def jan(db: None) -> demo.Person:
    return factories.person(given_names="Jan")


@pytest.fixture
def eva(db: None) -> demo.Person:
    return factories.person(given_names="Eva")


def test_a_care_mandate_holder_reads_the_grantors_message_recorded_under_both_names(svb, jan, eva):
    sent = svb.post("/messagebox/messages", factories.message_body(jan.bsn), key="k1").json()
    client = _signed_in_as(eva, jan, _mandate(jan, eva, "care-and-allowances"))

    listing = client.get("/en/messages")
    opened = client.get(f"/en/messages/{sent['id']}")

    assert listing.status_code == 200
    assert "Child benefit granted" in listing.content.decode()
    assert opened.status_code == 200
    records = identity_tables.ActionRecord.objects.filter(action__startswith="messagebox.")
    assert sorted(
        (r.action, r.actor_ref, r.subject_ref, r.basis, r.detail.get("message", ""))
        for r in records
    ) == [
        ("messagebox.listed", str(eva.person_id), str(jan.person_id), "mandate", ""),
        ("messagebox.opened", str(eva.person_id), str(jan.person_id), "mandate", sent["id"]),
    ]
    read = Event.objects.get(type="nl.lifegate.messagebox.message-read")
    assert read.data["messageId"] == sent["id"]


def test_a_holder_whose_scope_does_not_cover_the_message_box_is_refused(svb, jan, eva):
    sent = svb.post("/messagebox/messages", factories.message_body(jan.bsn), key="k1").json()
    client = _signed_in_as(eva, jan, _mandate(jan, eva, "taxes"))

    listing = client.get("/nl/berichten")
    opened = client.get(f"/nl/berichten/{sent['id']}")

    assert listing.status_code == 403
    assert "Kinderbijslag" not in listing.content.decode()
    assert opened.status_code == 403
    assert not Event.objects.filter(type="nl.lifegate.messagebox.message-read").exists()


def test_acting_for_yourself_records_nothing_extra(svb, jan):
    svb.post("/messagebox/messages", factories.message_body(jan.bsn), key="k1")
    client = Client()
    store = client.session
    store[session.CITIZEN] = asdict(
        session.Citizen("nl", jan.person_id, True, "Jan", "Bakker", "1941-03-03", "substantial")
    )
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store.save()

    response = client.get("/nl/berichten")

    assert response.status_code == 200
    assert not identity_tables.ActionRecord.objects.exists()
