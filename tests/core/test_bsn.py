# SPDX-License-Identifier: EUPL-1.2
"""The BSN eleven-test, and unique valid BSNs made in bulk."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifegate.core.bsn import RANDOM_BSN_RANGE, bsn_text, eleven_test, is_valid_bsn, unique_bsns


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("111222333", True),
        ("999900018", True),
        ("123456782", True),
        ("010000008", True),  # an eight-digit BSN written with its leading zero
        ("123456789", False),  # fails the eleven-test
        ("111222334", False),
        ("000000000", False),  # passes the arithmetic but is no number
        ("11122233", False),  # too short
        ("1112223330", False),  # too long
        ("", False),
        ("11122233A", False),
        (" 11122233", False),
        ("111-22-333", False),
        ("١١١٢٢٢٣٣٣", False),  # Arabic-Indic digits are digits, but not a BSN
    ],
)
def test_the_eleven_test_accepts_only_nine_digits_with_a_weighted_sum_divisible_by_11(text, valid):
    assert is_valid_bsn(text) is valid


def test_the_vectorised_eleven_test_agrees_with_the_text_one():
    numbers = np.arange(111_222_300, 111_222_400, dtype=np.int64)

    verdicts = eleven_test(numbers)

    assert verdicts.tolist() == [is_valid_bsn(bsn_text(int(n))) for n in numbers]


@given(count=st.integers(0, 3_000), seed=st.integers(0, 2**32))
def test_generated_bsns_are_valid_unique_and_outside_the_reserved_nines(count, seed):
    numbers = unique_bsns(count, seed=seed)

    assert numbers.size == count
    assert np.unique(numbers).size == count
    assert all(is_valid_bsn(bsn_text(int(n))) for n in numbers)
    assert all(int(n) in RANDOM_BSN_RANGE for n in numbers)


def test_generated_bsns_depend_only_on_the_seed():
    assert unique_bsns(500, seed=1).tolist() == unique_bsns(500, seed=1).tolist()
    assert unique_bsns(500, seed=1).tolist() != unique_bsns(500, seed=2).tolist()


def test_asking_for_more_bsns_than_exist_is_refused():
    with pytest.raises(ValueError, match="cannot make"):
        unique_bsns(80_000_000, seed=1)
