# SPDX-License-Identifier: EUPL-1.2
"""Agencies' systems get an organisation-bound token with private_key_jwt, and only that works."""

import base64
import json
import time

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from lifegate.identity.services import client_assertion
from tests.identity.agency import agency_token, register_agency

pytestmark = pytest.mark.django_db

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
AUDIENCE = "http://127.0.0.1:8000/oauth2/token"
QUESTION = {
    "actor": {"bsn": "333444555"},
    "subject": {"bsn": "222333444"},
    "service": "zorgtoeslag",
}


def _token_request(client, assertion):
    return client.post(
        "/oauth2/token",
        {
            "grant_type": "client_credentials",
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
        },
    )


def test_an_agency_token_is_bound_to_its_organisation(client, people, catalog):
    token = agency_token("svb")

    response = client.post(
        "/api/v1/identity/authorisations",
        QUESTION,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["decision"] == "DISALLOWED"


def test_the_api_refuses_a_call_without_a_token_as_problem_json(client):
    response = client.post(
        "/api/v1/identity/authorisations", QUESTION, content_type="application/json"
    )

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_made_up_token_is_refused(client):
    response = client.post(
        "/api/v1/identity/authorisations",
        QUESTION,
        content_type="application/json",
        headers={"Authorization": "Bearer not-a-token"},
    )

    assert response.status_code == 401


@pytest.mark.parametrize(
    ("case", "make"),
    [
        (
            "wrong audience",
            lambda cid, key: client_assertion(cid, key, "https://elsewhere.example/token"),
        ),
        (
            "expired",
            lambda cid, key: client_assertion(
                cid, key, AUDIENCE, exp=int(time.time()) - 600, iat=int(time.time()) - 700
            ),
        ),
        (
            "signed by another key",
            lambda cid, key: client_assertion(
                cid, RSAKey.generate_key(2048, auto_kid=True), AUDIENCE
            ),
        ),
        (
            "issuer is not the client",
            lambda cid, key: client_assertion(cid, key, AUDIENCE, iss="someone-else"),
        ),
        ("alg none", lambda cid, key: _unsigned(cid)),
        ("unknown client", lambda cid, key: client_assertion("no-such-client", key, AUDIENCE)),
    ],
)
def test_bad_client_assertions_get_no_token(client, case, make):
    client_id, key = register_agency("duo")

    response = _token_request(client, make(client_id, key))

    assert response.status_code in {400, 401}, case
    assert response.json()["error"] == "invalid_client"


def test_a_replayed_client_assertion_is_refused(client):
    client_id, key = register_agency("duo")
    assertion = client_assertion(client_id, key, AUDIENCE)
    assert _token_request(client, assertion).status_code == 200

    again = _token_request(client, assertion)

    assert again.status_code in {400, 401}
    assert again.json()["error"] == "invalid_client"


def _unsigned(client_id: str) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": AUDIENCE,
        "jti": "x1",
        "iat": now,
        "exp": now + 60,
    }
    return f"{part({'alg': 'none'})}.{part(claims)}."


def test_an_agency_cannot_use_the_citizen_code_flow(client):
    client_id, key = register_agency("svb")
    assertion = client_assertion(client_id, key, "http://127.0.0.1:8000/demo-eid/token")

    response = client.post(
        "/demo-eid/token",
        {
            "grant_type": "authorization_code",
            "code": "x",
            "redirect_uri": "http://x",
            "code_verifier": "v" * 50,
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
        },
    )

    assert response.status_code in {400, 401}
    _ = jwt  # joserfc is what the helper signs with
