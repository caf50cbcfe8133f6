# SPDX-License-Identifier: EUPL-1.2
"""A citizen's question made safe to search and to count. Pure: no Django, no IO.

>>> clean("  we krijgen\\n een   kindje ")
Question(text='we krijgen een kindje', trimmed=False)
>>> scrub("bel 06-12345678 of mail a@b.nl, bsn 111222333")
'bel [phone] of mail [e-mail], bsn [number]'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_LENGTH = 500
_SPACE = re.compile(r"\s+")
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{7,}\d(?!\w)")
_NUMBER = re.compile(r"\d{5,}")  # BSN, IBAN digits, postcodes with house numbers, ...
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}[A-Za-z]{4}\d{6,}\b")


@dataclass(frozen=True)
class Question:
    """The question as searched: control characters removed, spaces collapsed, and cut to
    `MAX_LENGTH` characters (`trimmed` says so, for the notice)."""

    text: str
    trimmed: bool


def clean(raw: str | None) -> Question:
    printable = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in (raw or ""))
    collapsed = _SPACE.sub(" ", printable).strip()
    if len(collapsed) <= MAX_LENGTH:
        return Question(collapsed, trimmed=False)
    return Question(collapsed[:MAX_LENGTH].rstrip(), trimmed=True)


def scrub(text: str) -> str:
    """`text` without what could identify someone: e-mail addresses, phone numbers, IBANs
    and long numbers (a BSN) become placeholders."""
    text = _EMAIL.sub("[e-mail]", text)
    text = _IBAN.sub("[number]", text)
    text = _PHONE.sub("[phone]", text)
    return _NUMBER.sub("[number]", text)


def looks_personal(text: str) -> bool:
    """True when `scrub` would change `text`."""
    return scrub(text) != text
