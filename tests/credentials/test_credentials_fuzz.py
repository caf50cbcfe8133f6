# SPDX-License-Identifier: EUPL-1.2
"""Hypothesis fuzzing of the parsers and the verifier: only typed errors, never a hang."""

from __future__ import annotations

import contextlib
import json
import zlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifegate.credentials import CredentialError, Refused, StatusList, parse_sd_jwt
from lifegate.credentials.encoding import b64url_encode
from tests.credentials.credentials_factory import AUD, NONCE, Demo

FUZZ = settings(max_examples=300, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
DEMO = Demo()
VERIFIER = DEMO.verifier()
VALID = DEMO.presentation(DEMO.credential()).serialize()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def _b64json(value: Any) -> str:
    return b64url_encode(json.dumps(value).encode())


jws_like = st.builds(
    lambda h, p, s: f"{_b64json(h)}.{_b64json(p)}.{b64url_encode(s)}",
    st.dictionaries(st.sampled_from(["alg", "typ", "kid", "jwk", "crit"]), json_values)
    | st.just({"alg": "ES256", "typ": "dc+sd-jwt"}),
    json_values,
    st.binary(max_size=70),
)
disclosure_like = st.builds(_b64json, st.lists(json_values, max_size=4))
structured = st.builds(
    lambda jwt, ds, kb: "~".join([jwt, *ds, kb]),
    jws_like,
    st.lists(disclosure_like, max_size=5),
    st.one_of(st.just(""), jws_like),
)


def _only_typed_errors(text: str) -> None:
    with contextlib.suppress(CredentialError):
        parse_sd_jwt(text)
    assert isinstance(VERIFIER.verify(text, nonce=NONCE, aud=AUD), Refused)


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text_is_refused_with_a_typed_error(text: str) -> None:
    _only_typed_errors(text)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_text_are_refused(data: bytes) -> None:
    _only_typed_errors(data.decode("latin-1"))


@FUZZ
@given(structured)
def test_structurally_plausible_presentations_are_refused(text: str) -> None:
    _only_typed_errors(text)


@FUZZ
@given(st.data())
def test_a_valid_presentation_with_one_edit_is_refused_or_unchanged(data: st.DataObject) -> None:
    text = VALID
    at = data.draw(st.integers(0, len(text) - 1))
    edited = text[:at] + data.draw(st.text(min_size=1, max_size=3)) + text[at + 1 :]

    verdict = VERIFIER.verify(edited, nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Refused) or edited == text


@FUZZ
@given(st.integers(0, 3), st.binary(max_size=300), st.booleans())
def test_status_lists_from_arbitrary_bytes_parse_or_fail_typed(
    bits: int, data: bytes, compress: bool
) -> None:
    lst = b64url_encode(zlib.compress(data) if compress else data)
    try:
        statuses = StatusList.from_json({"bits": bits, "lst": lst})
    except CredentialError:
        return
    assert statuses.size == len(data) * 8 // bits


@settings(max_examples=20, deadline=2000)
@given(st.integers(100, 5000))
def test_deeply_nested_json_is_refused_quickly(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    text = f"{_b64json({'alg': 'ES256'})}.{b64url_encode(nested.encode())}.AA~~"

    _only_typed_errors(text)


def test_the_unedited_presentation_the_fuzzer_starts_from_verifies() -> None:
    assert VERIFIER.verify(VALID, nonce=NONCE, aud=AUD).ok
