# SPDX-License-Identifier: EUPL-1.2
"""Why no credential answers a request: none of a kind asked for, or every kind asked for
is held but does not say what is asked."""

from __future__ import annotations

from typing import Any

import pytest

from lifegate.credentials.sdjwt import SdJwt
from lifegate.credentials.vc import VC_TYP
from lifegate.credentials.wallet import _why_none
from lifegate.credentials.wallet_copies import Held
from lifegate.credentials.wallet_messages import NO_MATCHING_CREDENTIAL, NOT_WHAT_IS_ASKED

PID, DIPLOMA = "urn:eudi:pid:1", "urn:lifegate:diploma:1"


def _asking(*kinds: str) -> dict[str, Any]:
    return {
        "credentials": [
            {"id": f"q{i}", "format": VC_TYP, "meta": {"vct_values": [kind]}}
            for i, kind in enumerate(kinds)
        ]
    }


def _held(*kinds: str) -> list[Held]:
    return [Held(f"h{i}", kind, "issuer", SdJwt("", ()), "") for i, kind in enumerate(kinds)]


@pytest.mark.parametrize(
    ("asked", "held", "why"),
    [
        ((PID,), (PID,), NOT_WHAT_IS_ASKED),
        ((PID,), (DIPLOMA,), NO_MATCHING_CREDENTIAL),
        ((PID,), (), NO_MATCHING_CREDENTIAL),
        ((PID, DIPLOMA), (PID,), NO_MATCHING_CREDENTIAL),  # one kind asked is not held
        ((PID, DIPLOMA), (PID, DIPLOMA), NOT_WHAT_IS_ASKED),
        ((), (PID,), NO_MATCHING_CREDENTIAL),
    ],
)
def test_the_reason_names_what_is_missing(
    asked: tuple[str, ...], held: tuple[str, ...], why: str
) -> None:
    assert _why_none(_asking(*asked), _held(*held)) == why
