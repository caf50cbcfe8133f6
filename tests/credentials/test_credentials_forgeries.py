# SPDX-License-Identifier: EUPL-1.2
"""At least 10,000 generated forgeries, none accepted, each refused for the right reason."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

import pytest

from lifegate.credentials import Refusal
from tests.credentials import forgery_categories as fc
from tests.credentials.credentials_factory import AUD, NONCE, Demo
from tests.credentials.forgery import Forger

PER_CATEGORY = 500
R = Refusal
ANY = None
CATEGORIES: dict[str, tuple[Callable[[Forger, int], str], frozenset[Refusal] | None]] = {
    "tampered disclosure": (fc.tampered_disclosure, frozenset({R.INVALID_DISCLOSURE, R.MALFORMED})),
    "duplicate disclosure": (fc.duplicate_disclosure, frozenset({R.INVALID_DISCLOSURE})),
    "disclosure without digest": (fc.unreferenced_disclosure, frozenset({R.INVALID_DISCLOSURE})),
    "_sd or ... as claim name": (fc.reserved_claim_name, frozenset({R.INVALID_DISCLOSURE})),
    "disclosure in the wrong place": (fc.misplaced_disclosure, frozenset({R.INVALID_DISCLOSURE})),
    "digest used twice": (fc.repeated_digest, frozenset({R.INVALID_DISCLOSURE})),
    "claim name collision": (fc.claim_collision, frozenset({R.INVALID_DISCLOSURE})),
    "wrong sd_hash": (fc.wrong_sd_hash, frozenset({R.SD_HASH_MISMATCH})),
    "disclosures edited after binding": (fc.after_binding_edit, frozenset({R.SD_HASH_MISMATCH})),
    "stale key binding": (
        fc.stale_key_binding,
        frozenset({R.KEY_BINDING_STALE, R.KEY_BINDING_INVALID}),
    ),
    "replayed key binding": (
        fc.replayed_key_binding,
        frozenset({R.NONCE_MISMATCH, R.SD_HASH_MISMATCH, R.AUDIENCE_MISMATCH}),
    ),
    "wrong nonce": (fc.wrong_nonce, frozenset({R.NONCE_MISMATCH})),
    "wrong audience": (fc.wrong_audience, frozenset({R.AUDIENCE_MISMATCH})),
    "alg none": (fc.alg_none, frozenset({R.UNSUPPORTED_ALGORITHM})),
    "key confusion": (
        fc.key_confusion,
        frozenset({R.UNSUPPORTED_ALGORITHM, R.BAD_SIGNATURE, R.KEY_BINDING_INVALID}),
    ),
    "untrusted issuer": (fc.untrusted_issuer, frozenset({R.UNTRUSTED_ISSUER, R.BAD_SIGNATURE})),
    "revoked or suspended": (
        fc.revoked_or_suspended,
        frozenset({R.REVOKED, R.SUSPENDED, R.STATUS_UNAVAILABLE, R.MALFORMED}),
    ),
    "expired or not yet valid": (
        fc.expired_or_early,
        frozenset({R.EXPIRED, R.NOT_YET_VALID, R.MALFORMED}),
    ),
    "wrong typ": (fc.wrong_typ, frozenset({R.WRONG_TYPE})),
    "issuer JWT bit flips": (fc.signature_tamper, ANY),
    "random mutation": (fc.random_mutation, ANY),
}


def test_the_suite_generates_at_least_ten_thousand_forgeries() -> None:
    assert PER_CATEGORY * len(CATEGORIES) >= 10_000


def test_the_forgers_starting_point_is_a_presentation_that_verifies() -> None:
    forger = Forger(Demo(), random.Random(0))  # noqa: S311 - reproducible, not a secret
    verifier = forger.demo.verifier()

    verdicts = [
        verifier.verify(forger.bound(forger.shown()), nonce=NONCE, aud=AUD) for _ in range(50)
    ]

    assert all(v.ok for v in verdicts)


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_no_forgery_is_accepted(category: str) -> None:
    forge, allowed = CATEGORIES[category]
    forger = Forger(Demo(), random.Random(category))  # noqa: S311 - reproducible, not a secret
    verifier = forger.demo.verifier()
    reasons: Counter[str] = Counter()

    for i in range(PER_CATEGORY):
        verdict = verifier.verify(forge(forger, i), nonce=NONCE, aud=AUD)
        reasons["ACCEPTED" if verdict.ok else verdict.reason.value] += 1

    print(f"{category}: {PER_CATEGORY} forgeries, refused as {dict(reasons)}")
    assert "ACCEPTED" not in reasons, reasons
    if allowed is not None:
        assert set(reasons) <= {r.value for r in allowed}, reasons
