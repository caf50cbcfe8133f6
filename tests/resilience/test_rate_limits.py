# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PER_SECOND=0.01, RATE_LIMIT_BURST=2, SIGNIN_ATTEMPTS_PER_MINUTE=1)
def test_over_the_limit_the_api_answers_429_problem_json_with_retry_after():
    client = Client(REMOTE_ADDR="198.51.100.9")
    url = "/api/v1/ledger/checkpoints/latest"

    codes = [client.get(url).status_code for _ in range(3)]
    refused = client.get(url)

    assert codes[:2] != [429, 429] and codes[2] == 429
    assert refused["Content-Type"].startswith("application/problem+json")
    assert int(refused["Retry-After"]) >= 1
    assert client.get("/api/v1/health").status_code == 200  # never limited


@pytest.mark.django_db
@override_settings(RATE_LIMIT_PER_SECOND=0, RATE_LIMIT_BURST=1)
def test_a_rate_of_zero_turns_the_per_address_limit_off():
    client = Client(REMOTE_ADDR="198.51.100.10")

    codes = {client.get("/api/v1/ledger/checkpoints/latest").status_code for _ in range(5)}

    assert 429 not in codes and all(code < 500 for code in codes)
