# SPDX-License-Identifier: EUPL-1.2
"""Strict JSON: the fast path accepts and refuses exactly what the full decoder does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifegate.credentials import CredentialError, Refusal
from lifegate.credentials.encoding import json_loads


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
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
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
