# SPDX-License-Identifier: EUPL-1.2
"""Calendar arithmetic on numpy arrays of dates (`datetime64[D]`), as the rules need it.

Pure numpy. A date moved by whole months that does not exist (31 April, 29 February in a
common year) becomes the last day of that month, as the law counts birthdays.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from numpy.typing import NDArray

Dates = NDArray[np.datetime64]
Ints = NDArray[np.int64]


def as_day(day: dt.date) -> np.datetime64:
    return np.datetime64(day.isoformat(), "D")


def year_month_day(dates: Dates) -> tuple[Ints, Ints, Ints]:
    """Year, month (1-12) and day of month (1-31) of each date."""
    days = dates.astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    year = years.astype(np.int64) + 1970
    month = (months - years).astype(np.int64) + 1
    day = (days - months).astype(np.int64) + 1
    return year, month, day


def add_months(dates: Dates, months: Ints | int) -> Dates:
    """Each date moved by whole months, clamped to the last day of the target month."""
    _, _, day = year_month_day(dates)
    first = dates.astype("datetime64[M]") + np.asarray(months, dtype=np.int64)
    length = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(np.int64)
    clamped = np.minimum(day, length) - 1
    result: Dates = first.astype("datetime64[D]") + clamped
    return result


def age_on(births: Dates, day: np.datetime64 | Dates) -> Ints:
    """Completed years on `day` (the birthday counts from the day itself)."""
    by, bm, bd = year_month_day(births)
    dy, dm, dd = year_month_day(
        np.broadcast_to(np.asarray(day, dtype="datetime64[D]"), births.shape)
    )
    before = (dm < bm) | ((dm == bm) & (dd < bd))
    age: Ints = dy - by - before.astype(np.int64)
    return age


def quarter_start(year: int, month: int) -> dt.date:
    """First day of the calendar quarter that contains (year, month)."""
    return dt.date(year, (month - 1) // 3 * 3 + 1, 1)
