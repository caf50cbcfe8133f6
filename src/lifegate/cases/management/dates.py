# SPDX-License-Identifier: EUPL-1.2
"""What the cases block's commands share: reading a day from the command line."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError


def parse_day(text: str) -> dt.date:
    """`YYYY-MM-DD` as a date; a `CommandError` that says the format otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date: use YYYY-MM-DD.") from None
