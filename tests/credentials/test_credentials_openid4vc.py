# SPDX-License-Identifier: EUPL-1.2
"""The pure protocol pieces: proof of possession, signed request objects, links."""

from __future__ import annotations

import pytest

from lifegate.credentials import CredentialError, Refusal, generate_private_key, public_jwk
from lifegate.credentials.encoding import json_b64, json_object_b64
from lifegate.credentials.openid4vc import (
    make_proof,
    offer_link,
    parse_offer_link,
    parse_presentation_link,
    presentation_link,
    read_request_object,
    sign_request_object,
    verify_proof,
)

AUD = "https://issuer.example"
CLIENT = "lifegate-verifier-university"
REQUEST: dict[str, object] = {
    "client_id": CLIENT,
    "response_mode": "direct_post",
    "response_uri": "https://verifier.example/responses/1",
    "nonce": "n",
    "state": "s",
    "dcql_query": {"credentials": []},
    "exp": 2000,
}


def test_a_proof_binds_the_key_in_its_header_and_returns_its_nonce():
    holder = generate_private_key()

    proof = verify_proof(make_proof(holder, aud=AUD, nonce="c1", iat=1000), aud=AUD, now=1000)

    assert proof.holder_jwk == public_jwk(holder)
    assert proof.nonce == "c1"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"aud": "https://other.example"}, Refusal.AUDIENCE_MISMATCH),
        ({"iat": 1000 - 3600}, Refusal.KEY_BINDING_STALE),
        ({"iat": 1000 + 3600}, Refusal.KEY_BINDING_STALE),
        ({"nonce": ""}, Refusal.NONCE_MISMATCH),
    ],
)
def test_a_proof_for_another_issuer_or_time_or_without_nonce_is_refused(change, reason):
    args = {"aud": AUD, "nonce": "c1", "iat": 1000} | change

    with pytest.raises(CredentialError) as refused:
        verify_proof(make_proof(generate_private_key(), **args), aud=AUD, now=1000)

    assert refused.value.reason == reason


def test_a_proof_with_a_swapped_payload_or_no_key_is_refused():
    proof = make_proof(generate_private_key(), aud=AUD, nonce="c1", iat=1000)
    head, body, signature = proof.split(".")
    header = json_object_b64(head)
    del header["jwk"]

    for forged in (
        f"{head}.{json_b64({'aud': AUD, 'nonce': 'c2', 'iat': 1000})}.{signature}",
        f"{json_b64(header)}.{body}.{signature}",
    ):
        with pytest.raises(CredentialError):
            verify_proof(forged, aud=AUD, now=1000)


def test_a_request_object_verifies_only_with_the_verifiers_key_and_client_id():
    key = generate_private_key()
    jwt = sign_request_object(REQUEST, key, kid="k1")

    assert read_request_object(jwt, [key.public_key()], client_id=CLIENT, now=1000)
    with pytest.raises(CredentialError):
        read_request_object(jwt, [generate_private_key().public_key()], client_id="x", now=1000)
    with pytest.raises(CredentialError):
        read_request_object(jwt, [key.public_key()], client_id="someone-else", now=1000)
    with pytest.raises(CredentialError):
        read_request_object(jwt, [key.public_key()], client_id=CLIENT, now=2000)


def test_links_round_trip_and_bad_links_are_malformed():
    offer = {
        "credential_issuer": AUD,
        "credential_configuration_ids": ["diploma"],
        "grants": {
            "urn:ietf:params:oauth:grant-type:pre-authorized_code": {"pre-authorized_code": "c"}
        },
    }

    assert parse_offer_link(offer_link(offer)) == offer
    assert parse_presentation_link(presentation_link("v", "https://v.example/r/1")) == (
        "v",
        "https://v.example/r/1",
    )
    for bad in ("mailto:x", "openid-credential-offer://?credential_offer=%7B", "x" * 9000):
        with pytest.raises(CredentialError):
            parse_offer_link(bad)
    with pytest.raises(CredentialError):
        parse_presentation_link("openid4vp://?client_id=v&request_uri=file:///etc/passwd")
