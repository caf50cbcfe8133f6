# SPDX-License-Identifier: EUPL-1.2
"""Calendar arithmetic for birth dates and ages, for one date and for numpy arrays of days.

Days are counted since 1970-01-01, which is what Arrow's date32 stores. A date moved by whole
years or months that does not exist (29 February in a common year, 31 April) is clamped to
the last day of the month, so someone "born on 29 February" is given 28 February.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from numpy.typing import NDArray

EPOCH = dt.date(1970, 1, 1)
Days = NDArray[np.int64]


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    first_of_next = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last = (first_of_next - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def shift_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years on `day` (the birthday counts from the day itself)."""
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - int(before_birthday)


def _parts(days: Days) -> tuple[Days, Days, Days]:
    """Year, month (1-12) and day of month (1-31) of each day number."""
    as_days = days.astype("datetime64[D]")
    months = as_days.astype("datetime64[M]")
    years = months.astype("datetime64[Y]")
    year = years.astype(np.int64) + 1970
    month = (months - years).astype(np.int64) + 1
    day = (as_days - months).astype(np.int64) + 1
    return year, month, day


def shift_years_array(days: Days, years: int | Days) -> Days:
    """Vectorised `shift_years`."""
    year, month, day = _parts(days)
    month_index = (year + years - 1970) * 12 + month - 1
    first = month_index.astype("datetime64[M]").astype("datetime64[D]")
    length = ((month_index + 1).astype("datetime64[M]").astype("datetime64[D]") - first).astype(
        np.int64
    )
    shifted: Days = first.astype(np.int64) + np.minimum(day, length) - 1
    return shifted


def ages_on(births: Days, day: dt.date) -> Days:
    """Vectorised `age_on`: completed years of each birth day number on `day`."""
    year, month, dom = _parts(births)
    before_birthday = (month > day.month) | ((month == day.month) & (dom > day.day))
    ages: Days = day.year - year - before_birthday.astype(np.int64)
    return ages
