# SPDX-License-Identifier: EUPL-1.2
"""Dates that reach a page as ISO text (an eID's claims, a foreign register's evidence, a
credential's claims) shown as people write them, in the active language."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import dateformat

_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # ISO 8601 full date, as OIDC and SD-JWT VC use


def full_date(value: object) -> str:
    """An ISO full date ("2001-04-12") or a date as "12 april 2001" / "12 April 2001"; any
    other text as it is."""
    if isinstance(value, dt.date):
        return dateformat.format(value, "j F Y")
    text = "" if value is None else str(value)
    if not _FULL_DATE.fullmatch(text):
        return text
    try:
        return dateformat.format(dt.date.fromisoformat(text), "j F Y")
    except ValueError:  # 2001-02-30: no such day, shown as written
        return text
