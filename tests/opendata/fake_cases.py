# SPDX-License-Identifier: EUPL-1.2
"""A stand-in for `lifegate.cases.services.activity`: it gives opendata's own record type."""

import datetime as dt

from lifegate.opendata.services import ActivityRecord, Kind

CALLS: list[tuple[dt.date, dt.date]] = []


def activity(first_day: dt.date, last_day: dt.date) -> list[ActivityRecord]:
    CALLS.append((first_day, last_day))
    return [
        ActivityRecord("7", Kind.JOURNEY_STARTED, first_day, "birth", "GM0344"),
        ActivityRecord(
            "7",
            Kind.CASE_DECIDED,
            last_day,
            "birth",
            "GM0344",
            "kinderbijslag",
            "svb",
            "online",
            12,
        ),
    ]
