# SPDX-License-Identifier: EUPL-1.2
"""The Dutch citizen service number (BSN): the eleven-test, and unique valid numbers in bulk.

Pure: no Django, no IO. The eleven-test weighs the nine digits 9, 8, ..., 2, -1; a BSN is
valid when that sum is a multiple of 11 (and the number is not all zeros).

>>> is_valid_bsn("111222333")
True
>>> is_valid_bsn("123456789")
False
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["RANDOM_BSN_RANGE", "bsn_text", "eleven_test", "is_valid_bsn", "unique_bsns"]

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# Generated numbers start with 1-8, so a reserved range starting with 9 (used for the demo
# personas, like the 9999... test numbers of the Dutch registry) never collides with them.
RANDOM_BSN_RANGE = range(100_000_000, 900_000_000)
_PREFIXES = len(RANDOM_BSN_RANGE) // 10  # 8-digit prefixes 10_000_000 .. 89_999_999
_FIRST_PREFIX = RANDOM_BSN_RANGE.start // 10
# A prefix has a usable check digit unless its weighted sum is 10 mod 11 (about 1 in 11).
_SHARE_VALID = 10 / 11


def is_valid_bsn(text: str) -> bool:
    """True when `text` is exactly nine ASCII digits that pass the eleven-test."""
    if len(text) != 9 or not text.isascii() or not text.isdigit():
        return False
    if text == "000000000":
        return False
    return sum(w * int(d) for w, d in zip(_WEIGHTS, text, strict=True)) % 11 == 0


def eleven_test(numbers: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Vectorised eleven-test of BSNs given as integers (leading zeros implied)."""
    values = np.asarray(numbers, dtype=np.int64)
    total = np.zeros(values.shape, dtype=np.int64)
    rest = values.copy()
    for weight in _WEIGHTS[::-1]:  # last digit first: it has weight -1
        total += weight * (rest % 10)
        rest //= 10
    in_range = (values > 0) & (values < 1_000_000_000)
    valid: NDArray[np.bool_] = in_range & (total % 11 == 0)
    return valid


def _check_digits(prefixes: NDArray[np.int64]) -> NDArray[np.int64]:
    total = np.zeros(prefixes.shape, dtype=np.int64)
    rest = prefixes.copy()
    for weight in _WEIGHTS[-2::-1]:  # the eight prefix digits, last one (weight 2) first
        total += weight * (rest % 10)
        rest //= 10
    # sum(prefix) - check ≡ 0 (mod 11), so the check digit is the sum mod 11 (10 is unusable).
    return total % 11


def unique_bsns(count: int, *, seed: int) -> NDArray[np.int64]:
    """`count` distinct valid BSNs in `RANDOM_BSN_RANGE`, the same for the same seed.

    An affine map k -> (a*k + b) mod N with gcd(a, N) = 1 is a bijection on the 8-digit
    prefixes, so distinct k give distinct prefixes without a set or a sort; prefixes whose
    check digit would be 10 are skipped.
    """
    if count < 0 or count > int(_PREFIXES * _SHARE_VALID * 0.99):
        raise ValueError(f"cannot make {count} unique BSNs")
    rng = np.random.default_rng([seed, 11])
    # N = 2**10 * 5**7: a multiplier that is odd and not a multiple of 5 is coprime with it.
    multiplier = int(rng.integers(_PREFIXES // 3, _PREFIXES)) | 1
    if multiplier % 5 == 0:
        multiplier += 2
    offset = int(rng.integers(0, _PREFIXES))
    drawn = int(count / _SHARE_VALID * 1.05) + 64
    while True:
        steps = np.arange(drawn, dtype=np.int64)
        prefixes = (multiplier * steps + offset) % _PREFIXES + _FIRST_PREFIX
        checks = _check_digits(prefixes)
        usable = checks < 10
        if int(usable.sum()) >= count:
            return (prefixes[usable] * 10 + checks[usable])[:count]
        drawn = min(drawn * 2, _PREFIXES)


def bsn_text(number: int) -> str:
    """A BSN integer as its nine-digit text."""
    return f"{number:09d}"
