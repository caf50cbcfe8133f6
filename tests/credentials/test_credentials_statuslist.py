# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import random
import zlib

import pytest

from lifegate.credentials import (
    CredentialError,
    IndexAllocator,
    Refusal,
    Status,
    StatusList,
    generate_private_key,
    parse_status_list_token,
    sign_status_list,
)
from lifegate.credentials.encoding import b64url_encode
from tests.credentials.credentials_factory import NOW, STATUS_URI


def test_an_allocator_never_hands_out_an_index_twice_until_full() -> None:
    allocator = IndexAllocator(5000)

    indices = [allocator.allocate() for _ in range(5000)]

    assert sorted(indices) == list(range(5000))
    with pytest.raises(LookupError):
        allocator.allocate()


def test_allocated_indices_are_spread_not_sequential() -> None:
    allocator = IndexAllocator(1_000_000)

    indices = [allocator.allocate() for _ in range(100)]

    assert indices != sorted(indices) and max(indices) > 500_000


def test_an_allocator_rebuilt_from_used_indices_avoids_them() -> None:
    used = set(range(0, 1000, 2))
    allocator = IndexAllocator(1000, used)

    fresh = {allocator.allocate() for _ in range(500)}

    assert fresh.isdisjoint(used) and len(fresh) == 500


@pytest.mark.parametrize("bits", [1, 2])
def test_a_status_list_round_trips_through_compression(bits: int) -> None:
    rng = random.Random(bits)  # noqa: S311 - reproducible test data, not a secret
    statuses = StatusList(10_000, bits=bits)
    choices = [Status.VALID, Status.INVALID] + ([Status.SUSPENDED] if bits == 2 else [])
    expected = {i: rng.choice(choices) for i in rng.sample(range(10_000), 2000)}
    for index, status in expected.items():
        statuses.set(index, status)

    again = StatusList.from_json(statuses.to_json())

    assert again.bits == bits and again.size == 10_000
    assert all(again.get(i) == expected.get(i, Status.VALID) for i in range(10_000))


def test_the_draft_example_list_decodes() -> None:
    # draft-ietf-oauth-status-list §4.1, one-bit example
    example = {"bits": 1, "lst": "eNrbuRgAAhcBXQ"}

    statuses = StatusList.from_json(example)

    assert [statuses.get(i) for i in range(16)] == [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]


def test_a_one_bit_list_cannot_hold_suspended() -> None:
    with pytest.raises(ValueError, match="bit"):
        StatusList(8, bits=1).set(0, Status.SUSPENDED)


def test_a_signed_token_shows_a_revocation() -> None:
    key = generate_private_key()
    statuses = StatusList(100)
    statuses.set(42, Status.INVALID)

    token = sign_status_list(statuses, uri=STATUS_URI, key=key, iat=NOW, exp=NOW + 60, ttl=30)
    parsed = parse_status_list_token(token, [key.public_key()], uri=STATUS_URI, now=NOW)

    assert parsed.statuses.get(42) is Status.INVALID and parsed.statuses.get(41) is Status.VALID
    assert parsed.fresh_until(NOW) == NOW + 30


@pytest.mark.parametrize(
    ("uri", "now", "other_key", "reason"),
    [
        ("https://other.example/list", NOW, False, Refusal.STATUS_UNAVAILABLE),
        (STATUS_URI, NOW + 61, False, Refusal.STATUS_UNAVAILABLE),
        (STATUS_URI, NOW, True, Refusal.STATUS_UNAVAILABLE),
    ],
)
def test_a_token_for_another_list_expired_or_foreign_is_refused(
    uri: str, now: int, other_key: bool, reason: Refusal
) -> None:
    key = generate_private_key()
    token = sign_status_list(StatusList(8), uri=STATUS_URI, key=key, iat=NOW, exp=NOW + 60)
    keys = [generate_private_key().public_key() if other_key else key.public_key()]

    with pytest.raises(CredentialError) as raised:
        parse_status_list_token(token, keys, uri=uri, now=now)

    assert raised.value.reason is reason


def test_a_decompression_bomb_is_refused() -> None:
    bomb = b64url_encode(zlib.compress(bytes(64 * 1024 * 1024)))

    with pytest.raises(CredentialError) as raised:
        StatusList.from_json({"bits": 1, "lst": bomb})

    assert raised.value.reason is Refusal.MALFORMED
