# SPDX-License-Identifier: EUPL-1.2
"""Agencies send messages through the API: idempotent, validated, nothing stored on refusal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lifegate.messagebox.models import Attachment, Message
from lifegate.outbox.models import Event
from tests.messagebox import factories

pytestmark = pytest.mark.django_db


def test_a_sent_message_is_stored_encrypted_and_a_delivered_event_is_published(svb, sanne):
    response = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k-1")

    assert response.status_code == 201, response.content
    row = Message.objects.get(id=response.json()["id"])
    assert row.party == f"person:{sanne.person_id}"
    assert b"Kinderbijslag" not in bytes(row.ciphertext)
    event = Event.objects.get(subject=str(row.id))
    assert event.type == "nl.lifegate.messagebox.message-delivered"
    assert event.data["reference"] == "KB-2025-001"
    assert "Kinderbijslag" not in str(event.data)


def test_a_retried_send_with_the_same_key_creates_one_message(svb, sanne):
    body = factories.message_body(sanne.bsn)

    first = svb.post("/messagebox/messages", body, key="same")
    second = svb.post("/messagebox/messages", body, key="same")

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Message.objects.count() == 1
    assert Event.objects.count() == 1


def test_a_reused_key_with_a_different_body_is_refused_and_stores_nothing(svb, sanne):
    svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="same")

    response = svb.post(
        "/messagebox/messages", factories.message_body(sanne.bsn, reference="other"), key="same"
    )

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "idempotency-key-reused"
    assert Message.objects.count() == 1


def test_the_same_key_from_another_agency_is_another_message(svb, duo, sanne):
    body = factories.message_body(sanne.bsn)

    svb.post("/messagebox/messages", body, key="shared")
    duo.post("/messagebox/messages", body, key="shared")

    assert Message.objects.count() == 2


def test_a_send_without_an_idempotency_key_is_a_400_problem_naming_the_header(svb, sanne):
    response = svb.post("/messagebox/messages", factories.message_body(sanne.bsn))

    assert response.status_code == 400
    assert "Idempotency-Key" in str(response.json()["invalidParams"])


def test_a_send_without_a_token_is_refused(client, sanne):
    response = client.post(
        "/api/v1/messagebox/messages",
        factories.message_body(sanne.bsn),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k",
    )

    assert response.status_code == 401
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"recipient": {"type": "bsn", "id": "123456789"}}, 400, "recipient.id"),
        ({"recipient": {"type": "passport", "id": "X"}}, 400, "recipient.type"),
        ({"texts": []}, 400, "texts"),
        (
            {"texts": [{"language": "nederlands", "subject": "a", "body": "b"}]},
            400,
            "texts.0.language",
        ),
        ({"actions": [{"type": "dance"}]}, 400, "actions.0.type"),
        ({"actions": [{"type": "pay", "url": "http://pay.example"}]}, 400, "actions.0.url"),
        (
            {"attachments": [factories.pdf_attachment(content=b"GIF89a")]},
            400,
            "attachments.0.contentType",
        ),
        (
            {"attachments": [{**factories.pdf_attachment(), "contentType": "image/png"}]},
            400,
            "attachments.0.contentType",
        ),
        ({"legalBasis": " "}, 400, "legalBasis"),
        ({"retentionDays": 0}, 400, "retentionDays"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field_and_stores_nothing(
    svb, sanne, changes, status, field
):
    response = svb.post(
        "/messagebox/messages", factories.message_body(sanne.bsn, **changes), key="k"
    )

    assert response.status_code == status, response.content
    assert field in [p["name"] for p in response.json()["invalidParams"]]
    assert Message.objects.count() == 0
    assert Event.objects.count() == 0


def test_an_unknown_recipient_is_a_422_problem_naming_the_recipient(svb, db):
    response = svb.post(
        "/messagebox/messages", factories.message_body(factories.valid_bsn(5)), key="k"
    )

    assert response.status_code == 422
    assert response.json()["invalidParams"][0]["name"] == "recipient.id"
    assert Message.objects.count() == 0


def test_an_oversized_attachment_is_a_413_problem(svb, sanne, settings, monkeypatch):
    monkeypatch.setenv("LIFEGATE_MESSAGEBOX_MAX_ATTACHMENT_BYTES", "100")
    big = factories.pdf_attachment(content=factories.PDF + b"x" * 200)

    response = svb.post(
        "/messagebox/messages", factories.message_body(sanne.bsn, attachments=[big]), key="k"
    )

    assert response.status_code == 413
    assert response.json()["invalidParams"][0]["name"] == "attachments.0.content"
    assert Attachment.objects.count() == 0


def test_an_attachment_the_virus_scanner_refuses_is_not_stored(svb, sanne):
    from lifegate.messagebox import scanning  # noqa: PLC0415

    class Refuse:
        def scan(self, content):
            return scanning.Verdict(clean=b"EICAR" not in content, finding="test")

    scanning.use_scanner(Refuse())
    try:
        infected = factories.pdf_attachment(content=factories.PDF + b"EICAR")
        response = svb.post(
            "/messagebox/messages",
            factories.message_body(sanne.bsn, attachments=[infected]),
            key="k",
        )
    finally:
        scanning.use_scanner(None)

    assert response.status_code == 422
    assert response.json()["invalidParams"][0]["name"] == "attachments.0.content"
    assert Message.objects.count() == 0


def test_messages_go_to_foreign_ids_and_companies(svb, db):
    lucia = factories.person(foreign_id="ES/NL/98765432X")
    bakery = factories.company(factories.person(), "90000001")

    by_foreign = svb.post(
        "/messagebox/messages", factories.message_body(lucia.foreign_id, "foreign-id"), key="a"
    )
    by_kvk = svb.post("/messagebox/messages", factories.message_body("90000001", "kvk"), key="b")

    assert (by_foreign.status_code, by_kvk.status_code) == (201, 201)
    assert Message.objects.get(id=by_foreign.json()["id"]).party == f"person:{lucia.person_id}"
    assert Message.objects.get(id=by_kvk.json()["id"]).party == f"company:{bakery.kvk_number}"


def test_a_send_after_the_first_reads_the_token_from_memory_and_writes_once(svb, sanne):
    svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="warm-up")

    with CaptureQueriesContext(connection) as queries:
        response = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k-2")

    assert response.status_code == 201, response.content
    statements = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in statements if "identity_" in s]
    assert len([s for s in statements if "demo_person" in s]) == 1
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "WITH"))]
    assert len(writes) == (1 if connection.vendor == "postgresql" else 2)


def test_a_status_read_is_one_query_without_the_sealed_content(svb, sanne):
    sent = svb.post("/messagebox/messages", factories.message_body(sanne.bsn), key="k-3")
    path = f"/messagebox/messages/{sent.json()['id']}"
    svb.get(path)

    with CaptureQueriesContext(connection) as queries:
        response = svb.get(path)

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "delivered"
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 1
    assert "ciphertext" not in statements[0]
