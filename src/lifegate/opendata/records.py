# SPDX-License-Identifier: EUPL-1.2
"""What the statistics are made of: activity records, periods, and the one-method source.

Pure: no Django, no IO.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    """A period that is not written as YYYY-MM."""


class ActivityUnavailableError(Exception):
    """A source could not give a month's activity (say why and what to do); nothing is
    published from it."""


@dataclass(frozen=True, order=True)
class Period:
    """A calendar month, written `2025-06`."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise PeriodError(f"{text!r} is not a month written as YYYY-MM, e.g. 2025-06")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Period:
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def has_ended(self, today: dt.date) -> bool:
        return today > self.last_day

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Kind(StrEnum):
    """What happened."""

    JOURNEY_STARTED = "journey-started"
    OFFER_MADE = "offer-made"
    OFFER_ACCEPTED = "offer-accepted"
    CASE_OPENED = "case-opened"
    CASE_DECIDED = "case-decided"


@dataclass(frozen=True)
class ActivityRecord:
    """One thing that happened to one person's journey, offer or case: the one record type
    every source produces (the cases block builds these through `opendata.services`).

    `subject` is a pseudonymous key of the person, used only to bound how much one person
    contributes to a release; it is never published. `municipality` is a CBS code
    (`GM0344`) or empty when unknown. `processing_days` is set on `CASE_DECIDED` records
    (days from opening to decision).
    """

    subject: str
    kind: Kind
    day: dt.date
    life_event: str
    municipality: str
    service: str = ""
    organisation: str = ""
    channel: str = ""
    processing_days: int | None = None


class ActivitySource(Protocol):
    """Where the records of a month come from (the cases block, or synthetic activity)."""

    def records(self, period: Period) -> Iterable[ActivityRecord]:
        """Every record whose `day` lies in `period`."""
        ...
