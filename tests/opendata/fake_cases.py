# SPDX-License-Identifier: EUPL-1.2
"""A stand-in for `lifegate.cases.services.activity`, shaped as the adapter expects."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    subject: str
    kind: str
    day: dt.date
    life_event: str
    municipality: str
    service: str = ""
    organisation: str = ""
    channel: str = ""
    processing_days: int | None = None


CALLS: list[tuple[dt.date, dt.date]] = []


def activity(first_day: dt.date, last_day: dt.date) -> list[Item]:
    CALLS.append((first_day, last_day))
    return [
        Item("7", "journey-started", first_day, "birth", "GM0344"),
        Item(
            "7", "case-decided", last_day, "birth", "GM0344", "kinderbijslag", "svb", "online", 12
        ),
    ]
