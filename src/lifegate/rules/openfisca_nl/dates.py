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


def _days(dates: Dates) -> Ints:
    days: Ints = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    return days


def _civil(days: Ints) -> tuple[Ints, Ints, Ints]:
    """Year, month, day of day numbers since 1970-01-01 (H. Hinnant's `civil_from_days`).

    Integer arithmetic: numpy's own `datetime64[D]` -> `[M]` -> `[Y]` conversions were most
    of the population run's time.
    """
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1_460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    return year, month, day


def _days_from_civil(year: Ints, month: Ints, day: Ints) -> Ints:
    """The inverse of `_civil` (H. Hinnant's `days_from_civil`)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days: Ints = era * 146_097 + doe - 719_468
    return days


def _month_length(year: Ints, month: Ints) -> Ints:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    length: Ints = _LENGTHS[month - 1] + ((month == 2) & leap)
    return length


_LENGTHS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


_SMALL = 64  # below this, numpy's conversions cost less than the ~25 integer operations


def _calendar(dates: Dates) -> tuple[Ints, Ints, Ints]:
    """`year_month_day` through numpy's own conversions: quicker for a household's dates."""
    days = np.asarray(dates, dtype="datetime64[D]")
    months = days.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    year = years.astype(np.int64) + 1970
    month = (months - years).astype(np.int64) + 1
    day = (days - months).astype(np.int64) + 1
    return year, month, day


def year_month_day(dates: Dates) -> tuple[Ints, Ints, Ints]:
    """Year, month (1-12) and day of month (1-31) of each date."""
    if np.size(dates) < _SMALL:
        return _calendar(dates)
    return _civil(_days(dates))


def add_months(dates: Dates, months: Ints | int) -> Dates:
    """Each date moved by whole months, clamped to the last day of the target month."""
    if np.size(dates) < _SMALL:
        _, _, day = _calendar(dates)
        first = np.asarray(dates, dtype="datetime64[M]") + np.asarray(months, dtype=np.int64)
        length = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(
            np.int64
        )
        small: Dates = first.astype("datetime64[D]") + (np.minimum(day, length) - 1)
        return small
    year, month, day = year_month_day(dates)
    index = year * 12 + month - 1 + np.asarray(months, dtype=np.int64)
    to_year, to_month = index // 12, index % 12 + 1
    clamped = np.minimum(day, _month_length(to_year, to_month))
    result: Dates = _days_from_civil(to_year, to_month, clamped).astype("datetime64[D]")
    return result


def age_on(births: Dates, day: np.datetime64 | Dates) -> Ints:
    """Completed years on `day` (the birthday counts from the day itself)."""
    by, bm, bd = year_month_day(births)
    dy, dm, dd = year_month_day(np.asarray(day, dtype="datetime64[D]"))  # a scalar stays one
    before = (dm < bm) | ((dm == bm) & (dd < bd))
    age: Ints = dy - by - before.astype(np.int64)
    return age


def quarter_start(year: int, month: int) -> dt.date:
    """First day of the calendar quarter that contains (year, month)."""
    return dt.date(year, (month - 1) // 3 * 3 + 1, 1)
