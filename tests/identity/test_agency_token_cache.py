# SPDX-License-Identifier: EUPL-1.2
"""A verified agency token is remembered per process, and a revocation still stops it at once."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lifegate.identity import auth, models
from lifegate.identity.services import revoke_client_tokens
from lifegate.identity.tokencache import TokenCache
from tests.identity.agency import agency_token

STATUS = "/api/v1/messagebox/messages/00000000-0000-0000-0000-000000000000"


def _token_queries(client, token: str) -> tuple[int, int]:
    """(status of an agency API call with `token`, queries it made on the token table)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(STATUS, headers={"Authorization": f"Bearer {token}"})
    on_tokens = [q for q in queries.captured_queries if "identity_accesstoken" in q["sql"]]
    return response.status_code, len(on_tokens)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()  # tokens are stored only as digests


def _client_of(token: str) -> models.Client:
    return models.AccessToken.objects.get(token_digest=_digest(token)).client


@pytest.mark.django_db
def test_a_second_call_with_the_same_token_does_not_look_it_up_again(client):
    token = agency_token("svb")

    first = _token_queries(client, token)
    second = _token_queries(client, token)

    assert first == (404, 1)  # authenticated: the message is unknown, not the token
    assert second == (404, 0)


@pytest.mark.django_db
def test_revoking_a_client_refuses_its_remembered_token_at_once(client):
    token = agency_token("svb")
    assert _token_queries(client, token)[0] == 404

    revoke_client_tokens(_client_of(token).client_id)

    assert _token_queries(client, token)[0] == 401


@pytest.mark.django_db
def test_a_revocation_by_another_server_process_is_seen_at_once(client):
    token = agency_token("svb")
    assert _token_queries(client, token)[0] == 404
    # another process revokes: the row changes and the shared epoch file is replaced,
    # but this process's memory is untouched
    models.AccessToken.objects.filter(token_digest=_digest(token)).update(revoked=True)
    auth._epoch_file().parent.mkdir(parents=True, exist_ok=True)
    auth._epoch_file().write_text(uuid.uuid4().hex)

    assert _token_queries(client, token)[0] == 401


@pytest.mark.django_db
def test_deleting_a_client_refuses_its_remembered_token_at_once(client):
    token = agency_token("svb")
    assert _token_queries(client, token)[0] == 404

    _client_of(token).delete()

    assert _token_queries(client, token)[0] == 401


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("advance", "epoch", "expected"),
    [
        (0.0, "a", "svb"),
        (29.9, "a", "svb"),
        (30.0, "a", None),  # the token expired
        (0.0, "b", None),  # a revocation since
    ],
)
def test_a_remembered_token_lasts_until_it_expires_or_is_revoked(advance, epoch, expected):
    clock = _Clock()
    cache: TokenCache[str] = TokenCache(size=10, max_age=60.0, clock=clock)
    cache.put("d1", "svb", expires_at=clock.now + 30.0, epoch="a")

    clock.now += advance

    assert cache.get("d1", epoch) == expected


def test_a_remembered_token_is_checked_again_after_the_maximum_age():
    clock = _Clock()
    cache: TokenCache[str] = TokenCache(size=10, max_age=5.0, clock=clock)
    cache.put("d1", "svb", expires_at=clock.now + 3600.0, epoch="a")

    clock.now += 5.0

    assert cache.get("d1", "a") is None


def test_the_cache_keeps_the_most_recently_used_tokens_within_its_size():
    clock = _Clock()
    cache: TokenCache[str] = TokenCache(size=2, max_age=60.0, clock=clock)
    cache.put("d1", "one", expires_at=2000.0, epoch="a")
    cache.put("d2", "two", expires_at=2000.0, epoch="a")
    assert cache.get("d1", "a") == "one"  # d1 used last, so d2 goes first

    cache.put("d3", "three", expires_at=2000.0, epoch="a")

    assert (cache.get("d1", "a"), cache.get("d2", "a"), cache.get("d3", "a")) == (
        "one",
        None,
        "three",
    )
    assert len(cache) == 2
