# SPDX-License-Identifier: EUPL-1.2
"""Find secrets and personal identifiers in clear in log lines. Pure: no Django, no IO.

>>> find_leaks(["signed in bsn=111222333"], secrets=())
['BSN-like number (passes the eleven-test) in: signed in bsn=1112…']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lifegate.core.bsn import is_valid_bsn

# Nine digits on their own: not part of a longer number, a word, a hash or a decimal fraction.
_NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z.])\d{9}(?![0-9A-Za-z]|\.\d)")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
_BEARER = re.compile(r"Bearer\s+[A-Za-z0-9._~+/-]{20,}")
_MIN_SECRET = 16  # shorter strings would match by chance


def _excerpt(line: str, at: int) -> str:
    start = max(0, at - 20)
    return line[start : at + 4] + "…"


def leaks_in(line: str, secrets: Iterable[str]) -> list[str]:
    """What `line` shows in clear: BSN-like numbers, JWTs, bearer tokens, keys, secrets."""
    found = [
        f"BSN-like number (passes the eleven-test) in: {_excerpt(line, m.start())}"
        for m in _NINE_DIGITS.finditer(line)
        if is_valid_bsn(m.group())
    ]
    for label, pattern in (("JWT", _JWT), ("bearer token", _BEARER), ("private key", _PRIVATE_KEY)):
        found += [f"{label} in: {_excerpt(line, m.start())}" for m in pattern.finditer(line)]
    found += [
        f"a secret of LIFEGATE_HOME/secrets in: {_excerpt(line, line.index(s))}"
        for s in secrets
        if len(s) >= _MIN_SECRET and s in line
    ]
    return found


def find_leaks(lines: Iterable[str], secrets: Iterable[str]) -> list[str]:
    wanted = tuple(secrets)
    return [leak for line in lines for leak in leaks_in(line, wanted)]
