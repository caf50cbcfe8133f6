# SPDX-License-Identifier: EUPL-1.2
"""Calendar arithmetic on date arrays agrees with Python's calendar, for a household's few
dates (numpy's conversions) and for a population's millions (integer arithmetic) alike."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pytest

from lifegate.rules.openfisca_nl.dates import add_months, age_on, year_month_day

EDGES = [
    dt.date(2024, 2, 29),
    dt.date(2023, 1, 31),
    dt.date(2024, 1, 31),
    dt.date(1900, 2, 28),
    dt.date(2000, 2, 29),
    dt.date(1970, 1, 1),
    dt.date(1969, 12, 31),
    dt.date(1907, 8, 31),
    dt.date(2027, 12, 31),
]


def _dates(size: int) -> list[dt.date]:
    rng = np.random.default_rng(size)
    offsets = rng.integers(-40_000, 25_000, max(size - len(EDGES), 0))
    return (EDGES + [dt.date(1970, 1, 1) + dt.timedelta(days=int(d)) for d in offsets])[:size]


def _array(days: list[dt.date]) -> np.ndarray:
    return np.array(days, dtype="datetime64[D]")


def _moved(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


SIZES = [1, 3, 63, 64, 65, 5_000]  # both sides of the switch between the two methods


@pytest.mark.parametrize("size", SIZES)
def test_year_month_and_day_are_those_of_the_calendar(size: int) -> None:
    days = _dates(size)

    year, month, day = year_month_day(_array(days))

    assert list(zip(year.tolist(), month.tolist(), day.tolist(), strict=True)) == [
        (d.year, d.month, d.day) for d in days
    ]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("months", [-13, -1, 1, 3, 12, 25])
def test_moving_by_months_ends_on_the_last_day_when_the_day_does_not_exist(
    size: int, months: int
) -> None:
    days = _dates(size)

    moved = add_months(_array(days), months)

    assert moved.tolist() == [_moved(d, months) for d in days]


@pytest.mark.parametrize("size", SIZES)
def test_the_age_counts_from_the_birthday_itself(size: int) -> None:
    births = _dates(size)
    on = dt.date(2025, 7, 1)

    ages = age_on(_array(births), np.datetime64(on, "D"))

    expected = [on.year - b.year - ((on.month, on.day) < (b.month, b.day)) for b in births]
    assert ages.tolist() == expected
