# SPDX-License-Identifier: EUPL-1.2
"""Test helper for other blocks: an agency's bearer token, obtained the real way.

from tests.identity.agency import agency_token

def test_svb_reads_its_cases(client, db):
    token = agency_token("svb")
    client.get("/api/v1/...", HTTP_AUTHORIZATION=f"Bearer {token}")
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.test import Client as HttpClient
from joserfc.jwk import RSAKey

from lifegate.identity import services


def register_agency(organisation_id: str) -> tuple[str, RSAKey]:
    """Register an agency client with a fresh key; returns its client id and private key."""
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    client_id = f"{organisation_id}-{uuid.uuid4().hex[:8]}"
    services.register_agency_client(client_id, organisation_id, {"keys": [key.as_dict()]})
    return client_id, key


def agency_token(organisation_id: str) -> str:
    """A bearer token for `organisation_id` from POST /oauth2/token (needs the database)."""
    client_id, key = register_agency(organisation_id)
    audience = f"{settings.PUBLIC_URL}/oauth2/token"
    response = HttpClient().post(
        "/oauth2/token",
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": services.client_assertion(client_id, key, audience),
        },
    )
    assert response.status_code == 200, response.content
    token: str = response.json()["access_token"]
    return token
