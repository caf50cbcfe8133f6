# SPDX-License-Identifier: EUPL-1.2
"""A busy agency client is limited per organisation, above and apart from the per-address limit."""

import pytest
from django.test import Client, override_settings

from tests.identity.agency import agency_token

STATUS = "/api/v1/messagebox/messages/00000000-0000-0000-0000-000000000000"


@pytest.mark.django_db
@override_settings(
    RATE_LIMIT_PER_SECOND=0.01,
    RATE_LIMIT_BURST=2,
    AGENCY_RATE_LIMIT_PER_SECOND=0.01,
    AGENCY_RATE_LIMIT_BURST=5,
)
def test_an_agency_gets_its_organisations_limit_and_then_429_problem_json():
    token = agency_token("svb")
    client = Client(REMOTE_ADDR="198.51.100.20", headers={"Authorization": f"Bearer {token}"})

    codes = [client.get(STATUS).status_code for _ in range(5)]
    refused = client.get(STATUS)

    assert codes == [404] * 5  # past the per-address burst of 2: authenticated, not found
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused.json()["type"] == "urn:lifegate:problem:too-many-requests"
    assert int(refused["Retry-After"]) >= 1


@pytest.mark.django_db
@override_settings(
    RATE_LIMIT_PER_SECOND=0.01,
    RATE_LIMIT_BURST=2,
    AGENCY_RATE_LIMIT_PER_SECOND=0.01,
    AGENCY_RATE_LIMIT_BURST=50,
)
def test_a_made_up_token_is_limited_by_its_address():
    client = Client(REMOTE_ADDR="198.51.100.21", headers={"Authorization": "Bearer made-up"})

    codes = [client.get(STATUS).status_code for _ in range(3)]

    assert codes == [401, 401, 429]
