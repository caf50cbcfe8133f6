# SPDX-License-Identifier: EUPL-1.2
"""Agencies read through the exchange API with a purpose; refusals are problem+json."""

from __future__ import annotations

import pytest

from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from tests.identity.agency import agency_token

pytestmark = pytest.mark.django_db
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def _post(client, token, body, **headers):
    return client.post(
        "/api/v1/exchange/data-requests",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **headers,
    )


def test_an_agency_gets_only_the_fields_its_purpose_allows(client, people):
    token = agency_token("svb")

    response = _post(
        client,
        token,
        {
            "purpose": "svb-child-benefit",
            "subject": {"bsn": people["sanne"].bsn},
            "fields": ["persons.childrenBsns"],
        },
        HTTP_TRACEPARENT=TRACEPARENT,
    )

    assert response.status_code == 200
    assert response.json()["data"] == {"persons": {"childrenBsns": [people["noor"].bsn]}}
    assert response["traceparent"].startswith("00-4bf92f3577b34da6a3ce929d0e0e4736-")


@pytest.mark.parametrize(
    ("body", "status", "reason"),
    [
        ({"fields": ["persons.birthDate"]}, 400, "purpose-missing"),
        (
            {"purpose": "svb-child-benefit", "fields": ["incomes.yearlyIncome"]},
            403,
            "field-not-allowed",
        ),
        (
            {"purpose": "toeslagen-healthcare-allowance", "fields": ["incomes.assets"]},
            403,
            "purpose-not-of-requester",
        ),
    ],
)
def test_refusals_are_problem_json_naming_the_reason_and_are_logged(
    client, people, body, status, reason
):
    token = agency_token("svb")

    response = _post(client, token, {"subject": {"bsn": people["sanne"].bsn}, **body})

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["reason"] == reason
    assert (
        exchange_tables.ProcessingRecord.objects.filter(status="refused", reason=reason).count()
        == 1
    )


def _refusal_over_the_api(client, organisation, purpose, subject_bsn, fields):
    response = _post(
        client,
        agency_token(organisation),
        {"purpose": purpose, "subject": {"bsn": subject_bsn}, "fields": fields},
    )
    return response, exchange_tables.ProcessingRecord.objects.filter(
        status="refused", subject_hash=exchange.Subject.bsn(subject_bsn).hash
    )


def test_a_person_outside_the_requesters_remit_is_refused_over_the_api_and_logged(client, people):
    response, logged = _refusal_over_the_api(
        client,
        "gemeente-utrecht",
        "utrecht-population-register",
        people["petra"].bsn,  # lives in Groningen
        ["persons.birthDate"],
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["reason"] == "subject-outside-remit"
    assert "data" not in response.json()
    assert [r.reason for r in logged] == ["subject-outside-remit"]


def test_a_read_after_consent_was_withdrawn_is_refused_over_the_api_and_logged(client, people):
    subject = exchange.Subject.bsn(people["sanne"].bsn)
    exchange.give_consent(subject, "toeslagen-proactive-check")
    exchange.withdraw_consent(subject, "toeslagen-proactive-check")

    response, logged = _refusal_over_the_api(
        client,
        "belastingdienst-toeslagen",
        "toeslagen-proactive-check",
        people["sanne"].bsn,
        ["incomes.assets"],
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["reason"] == "consent-withdrawn"
    assert "withdrew" in response.json()["detail"]
    assert [r.reason for r in logged] == ["consent-withdrawn"]


def test_without_an_agency_token_nothing_is_read(client, people):
    response = client.post(
        "/api/v1/exchange/data-requests",
        {
            "purpose": "svb-child-benefit",
            "subject": {"bsn": people["sanne"].bsn},
            "fields": ["persons.birthDate"],
        },
        content_type="application/json",
    )

    assert response.status_code == 401
    assert not exchange_tables.ProcessingRecord.objects.exists()


def test_the_register_of_processing_activities_is_public(client):
    activities = client.get("/api/v1/exchange/processing-activities").json()

    assert {"svb-child-benefit", "toeslagen-proactive-check"} <= {a["id"] for a in activities}
