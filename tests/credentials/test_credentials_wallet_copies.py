# SPDX-License-Identifier: EUPL-1.2
"""The wallet's copies of a credential: how many to ask for, and which copy to show next."""

from __future__ import annotations

from typing import Any

import pytest

from lifegate.credentials.wallet_copies import WALLET_COPIES, batches, copies_to_ask, next_copy


@pytest.mark.parametrize(
    ("metadata", "asked"),
    [
        ({"batch_credential_issuance": {"batch_size": 3}}, 3),
        ({"batch_credential_issuance": {"batch_size": 50}}, WALLET_COPIES),
        ({"batch_credential_issuance": {"batch_size": 1}}, 1),
        ({}, 1),  # an issuer without batch issuance
        ({"batch_credential_issuance": {"batch_size": 0}}, 1),
        ({"batch_credential_issuance": {"batch_size": "5"}}, 1),
        ({"batch_credential_issuance": {"batch_size": True}}, 1),
        ({"batch_credential_issuance": 5}, 1),
    ],
)
def test_the_wallet_asks_for_as_many_copies_as_the_issuer_allows_within_its_own_limit(
    metadata: dict[str, Any], asked: int
) -> None:
    assert copies_to_ask(metadata) == asked


def _copy(name: str, used_at: str = "", batch: str = "b") -> dict[str, Any]:
    return {"id": name, "batch": batch, **({"used_at": used_at} if used_at else {})}


@pytest.mark.parametrize(
    ("copies", "shown_next"),
    [
        ([_copy("a"), _copy("b"), _copy("c")], "a"),
        ([_copy("a", "2026-11-30T09:00"), _copy("b"), _copy("c")], "b"),
        ([_copy("a", "2026-11-30T09:05"), _copy("b", "2026-11-30T09:01")], "b"),  # longest ago
    ],
)
def test_a_copy_never_shown_goes_first_then_the_one_shown_longest_ago(
    copies: list[dict[str, Any]], shown_next: str
) -> None:
    assert next_copy(copies)["id"] == shown_next


def test_the_copies_of_one_issuance_are_held_together_and_a_single_credential_alone() -> None:
    entries = [_copy("a", batch="1"), {"id": "kept"}, _copy("b", batch="1"), _copy("c", batch="2")]

    assert [[e["id"] for e in group] for group in batches(entries)] == [
        ["a", "b"],
        ["kept"],
        ["c"],
    ]
