# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from lifegate.credentials import (
    BIRTH_CERTIFICATE,
    DIPLOMA,
    PID,
    RESIDENCE,
    CredentialError,
    Freshness,
    Refusal,
    Refused,
    Status,
    TypeMetadata,
    Verified,
    generate_private_key,
    present,
    public_jwk,
    public_key_from_jwk,
    verify_key_binding,
)
from lifegate.credentials.sdjwt import QueryPath, split_sd_jwt
from tests.credentials.credentials_factory import (
    AUD,
    BIRTH_CLAIMS,
    DIPLOMA_CLAIMS,
    ISSUER,
    NONCE,
    NOW,
    PID_CLAIMS,
    RESIDENCE_CLAIMS,
    STATUS_URI,
    Demo,
    FakeStatusLists,
)


@pytest.mark.parametrize(
    ("metadata", "claims", "paths", "expected"),
    [
        (DIPLOMA, DIPLOMA_CLAIMS, [("degree",), ("institution",)], {"degree", "institution"}),
        (PID, PID_CLAIMS, [("age_equal_or_over", "18")], {"age_equal_or_over"}),
        (PID, PID_CLAIMS, [("nationalities", None)], {"nationalities"}),
        (RESIDENCE, RESIDENCE_CLAIMS, [("municipality",)], {"municipality"}),
        (BIRTH_CERTIFICATE, BIRTH_CLAIMS, [("parents", 0, "given_name")], {"parents"}),
    ],
)
def test_a_presentation_of_each_demo_type_verifies_with_only_the_asked_claims(
    demo: Demo,
    metadata: TypeMetadata,
    claims: dict[str, Any],
    paths: list[QueryPath],
    expected: set[str],
) -> None:
    presentation = demo.presentation(demo.credential(metadata, claims), paths)

    verdict = demo.verifier().verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Verified), verdict
    assert verdict.issuer == ISSUER and verdict.vct == metadata.vct
    assert verdict.status is Status.VALID
    assert {p[0] for p in verdict.disclosed} == expected
    assert not (set(claims) - expected - {"issuing_authority", "issuing_country"}) & set(
        verdict.claims
    )


def test_verified_claims_hold_the_disclosed_values(demo: Demo) -> None:
    presentation = demo.presentation(demo.credential(), [("degree",), ("institution",)])

    verdict = demo.verifier().verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Verified)
    assert verdict.claims["degree"] == "Master of Science"
    assert verdict.claims["institution"] == "Technische Universiteit Delft"
    assert "family_name" not in verdict.claims


@pytest.mark.parametrize(
    ("status", "reason"), [(Status.INVALID, Refusal.REVOKED), (Status.SUSPENDED, Refusal.SUSPENDED)]
)
def test_a_revoked_or_suspended_credential_is_refused(
    demo: Demo, status: Status, reason: Refusal
) -> None:
    credential = demo.credential()
    demo.set_status(credential, status)

    verdict = demo.verifier().verify(
        demo.presentation(credential).serialize(), nonce=NONCE, aud=AUD
    )

    assert isinstance(verdict, Refused) and verdict.reason is reason


def test_revocation_is_seen_once_the_cached_list_outlives_its_ttl(demo: Demo) -> None:
    credential = demo.credential()
    fetcher = FakeStatusLists({STATUS_URI: demo.status_token(ttl=300)})
    clock = [NOW]
    verifier = demo.verifier(fetcher=fetcher)
    verifier.clock = lambda: clock[0]
    assert verifier.verify(demo.presentation(credential).serialize(), nonce=NONCE, aud=AUD).ok
    demo.set_status(credential, Status.INVALID)
    fetcher.tokens[STATUS_URI] = demo.status_token(iat=NOW + 200)

    clock[0] = NOW + 100
    cached = verifier.verify(
        demo.presentation(credential, iat=NOW + 100).serialize(), nonce=NONCE, aud=AUD
    )
    clock[0] = NOW + 301
    fresh = verifier.verify(
        demo.presentation(credential, iat=NOW + 301).serialize(), nonce=NONCE, aud=AUD
    )

    assert cached.ok and isinstance(fresh, Refused) and fresh.reason is Refusal.REVOKED
    assert fetcher.calls == [STATUS_URI, STATUS_URI]


def test_an_unreachable_status_list_fails_closed(demo: Demo) -> None:
    verifier = demo.verifier(fetcher=FakeStatusLists())

    verdict = verifier.verify(
        demo.presentation(demo.credential()).serialize(), nonce=NONCE, aud=AUD
    )

    assert isinstance(verdict, Refused) and verdict.reason is Refusal.STATUS_UNAVAILABLE


def test_a_credential_without_status_verifies_without_fetching(demo: Demo) -> None:
    fetcher = FakeStatusLists()
    presentation = demo.presentation(demo.credential(status=False))

    verdict = demo.verifier(fetcher=fetcher).verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Verified) and verdict.status is None and fetcher.calls == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"nonce": "other"}, Refusal.NONCE_MISMATCH),
        ({"aud": "https://evil.example"}, Refusal.AUDIENCE_MISMATCH),
        ({"iat": NOW - 301}, Refusal.KEY_BINDING_STALE),
        ({"iat": NOW + 61}, Refusal.KEY_BINDING_STALE),
        ({"holder_key": generate_private_key()}, Refusal.KEY_BINDING_INVALID),
    ],
)
def test_a_key_binding_for_another_request_or_key_is_refused(
    demo: Demo, change: dict[str, Any], reason: Refusal
) -> None:
    presentation = demo.presentation(demo.credential(), **change)

    verdict = demo.verifier().verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Refused) and verdict.reason is reason, verdict


def test_the_freshness_window_is_the_verifiers_choice(demo: Demo) -> None:
    presentation = demo.presentation(demo.credential(), iat=NOW - 200)
    verifier = demo.verifier()
    verifier.freshness = Freshness(max_age=120)

    verdict = verifier.verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Refused) and verdict.reason is Refusal.KEY_BINDING_STALE


def test_an_expired_credential_is_refused(demo: Demo) -> None:
    presentation = demo.presentation(demo.credential(exp=NOW - 61))

    verdict = demo.verifier().verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Refused) and verdict.reason is Refusal.EXPIRED


def test_a_cached_issuer_signature_still_gets_its_expiry_checked(demo: Demo) -> None:
    credential = demo.credential(exp=NOW + 100)
    clock = [NOW]
    verifier = demo.verifier()
    verifier.clock = lambda: clock[0]
    assert verifier.verify(demo.presentation(credential).serialize(), nonce=NONCE, aud=AUD).ok

    clock[0] = NOW + 200
    verdict = verifier.verify(
        demo.presentation(credential, iat=NOW + 200).serialize(), nonce=NONCE, aud=AUD
    )

    assert isinstance(verdict, Refused) and verdict.reason is Refusal.EXPIRED


def test_a_presentation_without_key_binding_is_refused(demo: Demo) -> None:
    bare = present(demo.credential(), [("degree",)])

    verdict = demo.verifier().verify(bare.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Refused) and verdict.reason is Refusal.KEY_BINDING_MISSING


def test_verify_key_binding_covers_the_disclosures_as_sent_and_no_others(demo: Demo) -> None:
    credential = demo.credential()
    bound = demo.presentation(credential)
    holder = public_key_from_jwk(public_jwk(demo.holder_key))
    other_disclosures = replace(bound, disclosures=credential.disclosures)
    checks: dict[str, Any] = {"nonce": NONCE, "aud": AUD, "now": NOW}

    claims = verify_key_binding(bound, holder, **checks)
    with pytest.raises(CredentialError) as raised:
        verify_key_binding(other_disclosures, holder, **checks)

    assert claims["nonce"] == NONCE
    assert raised.value.reason == Refusal.SD_HASH_MISMATCH


def test_split_sd_jwt_leaves_exactly_the_text_sd_hash_covers(demo: Demo) -> None:
    bound = demo.presentation(demo.credential())
    text = bound.serialize()

    jwt, disclosures, kb_jwt = split_sd_jwt(text)

    assert text[: len(text) - len(kb_jwt)] == bound.without_key_binding
    assert (jwt, disclosures, kb_jwt) == (bound.jwt, bound.disclosures, bound.kb_jwt)
