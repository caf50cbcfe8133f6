# SPDX-License-Identifier: EUPL-1.2
"""Interop both ways with the OpenWallet Foundation reference implementation (`sd_jwt`)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jwcrypto.jwk import JWK  # type: ignore[import-untyped]  # no stubs published
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier

from lifegate.credentials import (
    DIPLOMA,
    PID,
    Refused,
    TrustedIssuers,
    Verified,
    Verifier,
    generate_private_key,
    public_jwk,
)
from tests.credentials.credentials_factory import (
    AUD,
    DIPLOMA_CLAIMS,
    ISSUER,
    NONCE,
    PID_CLAIMS,
    Demo,
    FakeStatusLists,
)


def _reference_verify(demo: Demo, presentation: str) -> dict[str, Any]:
    issuer_jwk = JWK.from_pyca(demo.issuer_key.public_key())
    verifier = SDJWTVerifier(
        presentation, lambda iss, header: issuer_jwk, expected_aud=AUD, expected_nonce=NONCE
    )
    return dict(verifier.get_verified_payload())


@pytest.mark.parametrize(
    ("metadata", "claims", "paths"),
    [
        (DIPLOMA, DIPLOMA_CLAIMS, [("degree",), ("institution",)]),
        (PID, PID_CLAIMS, [("address", "locality"), ("nationalities", None)]),
    ],
)
def test_the_reference_verifier_accepts_what_lifegate_issues_and_presents(
    demo: Demo, metadata: Any, claims: dict[str, Any], paths: Any
) -> None:
    now = int(time.time())
    credential = demo.credential(metadata, claims, exp=now + 3600)
    presentation = demo.presentation(credential, paths, iat=now)

    theirs = _reference_verify(demo, presentation.serialize())
    ours = demo.verifier(now=now).verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(ours, Verified)
    assert theirs == ours.claims


def test_the_reference_holder_presents_what_lifegate_issues(demo: Demo) -> None:
    now = int(time.time())
    holder = SDJWTHolder(demo.credential(exp=now + 3600).serialize())
    holder.create_presentation(
        {"degree": True, "programme": True},
        nonce=NONCE,
        aud=AUD,
        holder_key=JWK.from_pyca(demo.holder_key),
        sign_alg="ES256",
    )

    verdict = demo.verifier(now=now).verify(holder.sd_jwt_presentation, nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Verified), verdict
    assert {p[0] for p in verdict.disclosed} == {"degree", "programme"}


def _reference_issued(issuer_key: Any, holder_key: Any, now: int) -> str:
    claims = {
        "iss": ISSUER,
        "vct": DIPLOMA.vct,
        "iat": now,
        "exp": now + 3600,
        SDObj("degree"): "Master of Science",
        SDObj("institution"): "Universidad de Sevilla",
        SDObj("given_name"): "Lucía",
        "languages": [SDObj("es"), SDObj("en"), "nl"],
        SDObj("address"): {SDObj("locality"): "Sevilla", "country": "ES"},
    }
    issuer = SDJWTIssuer(
        claims,
        JWK.from_pyca(issuer_key),
        holder_key=JWK.from_pyca(holder_key.public_key()),
        add_decoy_claims=True,
        extra_header_parameters={"typ": "dc+sd-jwt"},
    )
    return str(issuer.sd_jwt_issuance)


def _reference_presentation(issuance: str, holder_key: Any, disclose: dict[str, Any]) -> str:
    holder = SDJWTHolder(issuance)
    holder.create_presentation(
        disclose, nonce=NONCE, aud=AUD, holder_key=JWK.from_pyca(holder_key), sign_alg="ES256"
    )
    return str(holder.sd_jwt_presentation)


@pytest.mark.parametrize(
    ("disclose", "expected"),
    [
        ({"degree": True}, {"degree": "Master of Science", "languages": ["nl"]}),
        (
            {"institution": True, "languages": [True, False]},
            {"institution": "Universidad de Sevilla", "languages": ["es", "nl"]},
        ),
        ({"address": {"locality": True}}, {"address": {"locality": "Sevilla", "country": "ES"}}),
    ],
)
def test_lifegate_verifies_what_the_reference_issues_and_presents_with_key_binding(
    disclose: dict[str, Any], expected: dict[str, Any]
) -> None:
    issuer_key, holder_key, now = generate_private_key(), generate_private_key(), int(time.time())
    presentation = _reference_presentation(
        _reference_issued(issuer_key, holder_key, now), holder_key, disclose
    )
    verifier = Verifier(
        TrustedIssuers.from_jwks({ISSUER: [public_jwk(issuer_key)]}), FakeStatusLists(), lambda: now
    )

    verdict = verifier.verify(presentation, nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Verified), verdict
    assert {k: v for k, v in verdict.claims.items() if k in expected} == expected


def test_a_reference_presentation_for_another_verifier_is_refused() -> None:
    issuer_key, holder_key, now = generate_private_key(), generate_private_key(), int(time.time())
    presentation = _reference_presentation(
        _reference_issued(issuer_key, holder_key, now), holder_key, {"degree": True}
    )
    verifier = Verifier(
        TrustedIssuers.from_jwks({ISSUER: [public_jwk(issuer_key)]}), FakeStatusLists(), lambda: now
    )

    verdict = verifier.verify(presentation, nonce="another-nonce", aud=AUD)

    assert isinstance(verdict, Refused)
