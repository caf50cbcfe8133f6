# SPDX-License-Identifier: EUPL-1.2
"""Our pinned ES256 verification agrees with joserfc's generic one."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from hypothesis import given
from hypothesis import strategies as st
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import ECKey

from lifegate.credentials import (
    CredentialError,
    Refusal,
    generate_private_key,
    public_jwk,
    public_key_from_jwk,
)
from lifegate.credentials.keys import der_signature, sign_jws, verify_jws


def test_what_we_sign_joserfc_verifies_and_the_other_way_round() -> None:
    key = generate_private_key()
    ours = sign_jws({"typ": "t"}, b'{"a":1}', key)
    theirs = jws.serialize_compact({"alg": "ES256"}, b'{"b":2}', ECKey.import_key(key))

    joserfc_view = jws.deserialize_compact(ours, ECKey.import_key(key.public_key()))
    our_view = verify_jws(theirs, lambda _h, _p: [key.public_key()], Refusal.BAD_SIGNATURE)

    assert joserfc_view.payload == b'{"a":1}' and our_view.payload == {"b": 2}


@pytest.mark.parametrize("position", range(0, 86, 7))
def test_a_flipped_signature_character_is_refused_by_both(position: int) -> None:
    key = generate_private_key()
    token = sign_jws({}, b"{}", key)
    head, body, signature = token.split(".")
    flipped = signature[:position] + ("A" if signature[position] != "A" else "B")
    forged = f"{head}.{body}.{flipped}{signature[position + 1 :]}"

    with pytest.raises(CredentialError):
        verify_jws(forged, lambda _h, _p: [key.public_key()], Refusal.BAD_SIGNATURE)
    with pytest.raises((BadSignatureError, ValueError)):
        jws.deserialize_compact(forged, ECKey.import_key(key.public_key()))


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"},
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"},
        {"kty": "EC", "crv": "P-256", "x": "A" * 43, "y": "A" * 43},
        "not a jwk",
    ],
)
def test_holder_keys_that_are_not_p256_points_are_refused(jwk: object) -> None:
    with pytest.raises(CredentialError) as raised:
        public_key_from_jwk(jwk)

    assert raised.value.reason in (Refusal.MISSING_HOLDER_KEY, Refusal.MALFORMED)


def test_a_jwk_with_a_private_part_is_refused() -> None:
    key = generate_private_key()
    private = ECKey.import_key(key).as_dict(private=True)

    with pytest.raises(CredentialError):
        public_key_from_jwk(private)
    assert (
        public_key_from_jwk(public_jwk(key)).public_numbers() == key.public_key().public_numbers()
    )


def _dss(raw: bytes) -> bytes:
    return encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))


@pytest.mark.parametrize(
    "raw",
    [
        bytes(64),
        b"\xff" * 64,
        b"\x00" * 31 + b"\x80" + b"\x00" * 31 + b"\x7f",
        b"\x00\x80" + b"\x01" * 30 + b"\x00" * 31 + b"\x01",
        b"\x7f" + b"\x00" * 31 + b"\x80" + b"\x00" * 31,
    ],
)
def test_the_der_signature_of_edge_values_is_what_cryptography_encodes(raw: bytes) -> None:
    assert der_signature(raw) == _dss(raw)


@given(st.binary(min_size=64, max_size=64))
def test_the_der_signature_of_any_64_bytes_is_what_cryptography_encodes(raw: bytes) -> None:
    assert der_signature(raw) == _dss(raw)
