# SPDX-License-Identifier: EUPL-1.2
"""Strict base64url and JSON: the fast paths accept and refuse what the strict rules say."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifegate.credentials import CredentialError, Refusal
from lifegate.credentials.encoding import b64url_decode, b64url_encode, json_loads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a":1}', {"a": 1}),
        (' {"a":1}', {"a": 1}),
        ('{"a":1}\n', {"a": 1}),
        ('\t["s", "n", 2] ', ["s", "n", 2]),
        ('"x"', "x"),
        ("12", 12),
    ],
)
def test_json_with_or_without_surrounding_whitespace_is_read(text: str, expected: Any) -> None:
    assert json_loads(text) == expected
    assert json_loads(text.encode(), strict=False) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        '{"a":1}x',
        '{"a":1} {"b":2}',
        '{"a":1',
        "[1,]",
        "NaN",
        '{"a":Infinity}',
        "[-Infinity]",
        "\ufeff{}",
        '{"a":1}\x00',
    ],
)
def test_json_that_is_not_one_value_is_refused_as_malformed(text: str) -> None:
    for strict in (True, False):
        with pytest.raises(CredentialError) as raised:
            json_loads(text, strict=strict)

        assert raised.value.reason == Refusal.MALFORMED


def test_duplicate_member_names_are_refused_only_in_strict_mode() -> None:
    text = '["salt", "name", {"a": 1, "a": 2}]'

    with pytest.raises(CredentialError):
        json_loads(text)
    assert json_loads(text, strict=False) == ["salt", "name", {"a": 2}]


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=10,
    ),
    st.sampled_from(["", " ", "\n", "x", "]", "{}"]),
    st.sampled_from(["", " ", "\r\n"]),
)
def test_json_loads_agrees_with_the_standard_decoder(value: Any, suffix: str, prefix: str) -> None:
    text = prefix + json.dumps(value) + suffix
    try:
        expected: Any = json.loads(text)
    except ValueError:
        expected = CredentialError

    try:
        actual: Any = json_loads(text, strict=False)
    except CredentialError:
        actual = CredentialError

    assert actual == expected


@given(st.binary(max_size=80))
def test_base64url_round_trips_in_the_canonical_unpadded_form(data: bytes) -> None:
    text = b64url_encode(data)

    assert text == base64.urlsafe_b64encode(data).decode().rstrip("=")
    assert b64url_decode(text) == data


@pytest.mark.parametrize(
    "text",
    [
        "YR",  # non-canonical: the unused low bits of the last character are not zero
        "YWF",  # the same with two unused bits
        "YQ=",  # padding, which would otherwise complete "YQ" to a valid quantum
        "YQ==",
        "ab+c",  # the standard alphabet, which the SIMD decoder maps like - and _
        "ab/c",
        "ab c",
        "ab\nc",
        "abcde",  # one character past a quantum
        "abé0",
    ],
)
def test_base64url_that_is_not_canonical_is_refused_as_malformed(text: str) -> None:
    with pytest.raises(CredentialError) as raised:
        b64url_decode(text)

    assert raised.value.reason == Refusal.MALFORMED


def test_an_integer_beyond_64_bits_is_read_as_a_number_not_an_error() -> None:
    # orjson reads it as a float (the JWT paths); a NumericDate may be one anyway, and the
    # status index and the KB-JWT `iat` must be ints, so such a value is refused there.
    big = 2**64 + 1

    assert json_loads(f'{{"exp":{big}}}', strict=False)["exp"] == float(big)
    assert json_loads(f'{{"exp":{big}}}', strict=True)["exp"] == big  # the standard scanner


def test_duplicate_member_names_are_refused_in_a_nested_disclosure_value() -> None:
    with pytest.raises(CredentialError):
        json_loads('["salt", "address", {"street": "a", "zip": {"x": 1, "x": 2}}]')
    assert json_loads('["salt", "tags", ["{", "a"]]') == ["salt", "tags", ["{", "a"]]
