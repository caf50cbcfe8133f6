# SPDX-License-Identifier: EUPL-1.2
"""Random households and who lives in them, with birth dates and deaths (vectorised).

Members of a household are consecutive persons, adults first. Children's birth dates are
drawn first and the parents' from the oldest child plus an age at first birth of 20-40
years, so every parent is at least 18 years older than each of their children.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from lifegate.demo.population.dates import Days, ages_on, day_number, shift_years_array

Layout = dict[str, NDArray[Any]]  # per-person and per-household index arrays, by name
SINGLE, COUPLE, FAMILY, SINGLE_PARENT, ELDERLY_SINGLE, ELDERLY_COUPLE, STUDENT = range(7)
_KIND_SHARES = (0.27, 0.22, 0.20, 0.07, 0.09, 0.08, 0.07)
_ADULTS = np.array([1, 2, 2, 1, 1, 2, 1], dtype=np.int64)
_HAS_CHILDREN = np.array([False, False, True, True, False, False, False])
_CHILDREN_SHARES = (0.40, 0.42, 0.18)  # one, two, three children
# Special groups, as a share of all random persons (Dutch rates, rounded).
BIRTHS_LAST_90_DAYS = 0.0025
TURNING_18_IN_60_DAYS = 0.002
PENSION_AGE_IN_6_MONTHS = 0.006
DEATHS_LAST_60_DAYS = 0.0016


def years(value: float) -> int:
    """A number of years in days (average Gregorian year), for drawing ages."""
    return int(value * 365.2425)


@dataclass(frozen=True)
class Households:
    """Random households and their members (index arrays; persons ordered by household)."""

    kind: NDArray[np.int64]  # per household
    adults: NDArray[np.int64]  # per household, after trimming to the requested persons
    start: NDArray[np.int64]  # per household: index of its first member
    household: NDArray[np.int64]  # per person: index of their household
    position: NDArray[np.int64]  # per person: 0 = first adult, then partner, then children
    is_child: NDArray[np.bool_]  # per person
    birth: Days  # per person, day numbers
    death: Days  # per person, day number or -1 when alive
    new_born: NDArray[np.bool_]  # per person: born in the last 90 days (birth registered)


def _draw_kinds(
    rng: np.random.Generator, persons: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Household kinds, adults and children, cut so that the members add up to `persons`."""
    drawn = int(persons / 1.6) + 32  # households average about two members
    while True:
        kind = rng.choice(len(_KIND_SHARES), size=drawn, p=_KIND_SHARES).astype(np.int64)
        children = rng.choice((1, 2, 3), size=drawn, p=_CHILDREN_SHARES).astype(np.int64)
        children = np.where(_HAS_CHILDREN[kind], children, 0)
        adults = _ADULTS[kind]
        total = np.cumsum(adults + children)
        if total[-1] >= persons:
            break
        drawn *= 2
    # The first household reaching `persons` is the last one (none at all for no persons).
    count = int(np.searchsorted(total, persons)) + 1 if persons else 0
    kind, adults, children = kind[:count], adults[:count].copy(), children[:count].copy()
    if count:  # the last household loses its last members (children first, then a partner)
        surplus = int(total[count - 1]) - persons
        size = int(adults[-1] + children[-1]) - surplus
        adults[-1] = min(int(adults[-1]), size)
        children[-1] = size - adults[-1]
    return kind, adults, children


def _layout(adults: NDArray[np.int64], children: NDArray[np.int64]) -> Layout:
    size = adults + children
    start = np.cumsum(size) - size
    household = np.repeat(np.arange(size.size), size)
    position = np.arange(household.size) - start[household]
    return {
        "start": start,
        "household": household,
        "position": position,
        "adults": adults,
        "children": children,
        "is_child": position >= adults[household],
    }


def _children_births(
    rng: np.random.Generator, today: int, layout: Layout, adults: NDArray[np.int64]
) -> Days:
    """Birth days of all children (zero for adults), oldest first within a household."""
    count = adults.size
    oldest_age = rng.integers(0, years(18) - 2, size=count)
    # Siblings are spaced as shares of the oldest's age, so they stay younger and born.
    spacing = rng.uniform(0.6, 0.95, size=count)
    household, is_child, children = layout["household"], layout["is_child"], layout["children"]
    rank = layout["position"] - adults[household]
    share = 1 - rank * spacing[household] / np.maximum(children[household], 1)
    ages = np.maximum((oldest_age[household] * share).astype(np.int64), 1)  # born by yesterday
    return np.where(is_child, today - ages, 0)


def _special_children(
    rng: np.random.Generator, today: int, persons: int, layout: Layout, birth: Days
) -> NDArray[np.bool_]:
    """Make some youngest children newborns and some oldest ones nearly 18 (in place);
    return who was born in the last 90 days."""
    is_child = layout["is_child"]
    first_child = np.flatnonzero(is_child & ~np.roll(is_child, 1))
    last_child = np.flatnonzero(is_child & ~np.roll(is_child, -1))
    pick = rng.permutation(first_child.size)
    newborns = min(first_child.size, max(1, round(persons * BIRTHS_LAST_90_DAYS)))
    turning = min(first_child.size - newborns, max(1, round(persons * TURNING_18_IN_60_DAYS)))
    youngest = last_child[pick[:newborns]]
    birth[youngest] = today - rng.integers(1, 91, size=youngest.size)
    oldest = first_child[pick[newborns : newborns + turning]]
    birthdays = today + rng.integers(1, 61, size=oldest.size)
    birth[oldest] = shift_years_array(birthdays, -18)
    return is_child & (birth > today - 91)  # every child born in the last 90 days


def _first_adult_ages(
    rng: np.random.Generator, kind: NDArray[np.int64], oldest_child_age: Days
) -> Days:
    """Age in days of each household's first adult, by kind of household."""
    count = kind.size
    elderly = years(67) + 2 + np.minimum(rng.exponential(years(9), count), years(32))
    by_kind = np.select(
        [kind == SINGLE, kind == COUPLE, kind == STUDENT, _HAS_CHILDREN[kind]],
        [
            rng.integers(years(20), years(67) - 2, count),
            rng.integers(years(22), years(67) - 2, count),
            # 18 up to 25 whole years: 18 years are at most 6,575 days, 26 at least 9,496.
            rng.integers(years(18) + 2, years(26) - 8, count),
            oldest_child_age + rng.integers(years(20), years(40), count),
        ],
        default=elderly,
    )
    return by_kind.astype(np.int64)


def _adult_births(
    rng: np.random.Generator,
    today: int,
    kind: NDArray[np.int64],
    layout: Layout,
    *,
    birth: Days,
    persons: int,
) -> None:
    """Birth days of the first adult and the partner of each household (in place)."""
    start, adults = layout["start"], layout["adults"]
    has_children = layout["children"] > 0
    oldest_child = np.minimum(start + adults, birth.size - 1)  # only read where there is one
    oldest_child_age = np.where(has_children, today - birth[oldest_child], 0)
    first = today - _first_adult_ages(rng, kind, oldest_child_age)
    working = np.flatnonzero((kind == SINGLE) | (kind == COUPLE))
    soon = rng.permutation(working)[: max(1, round(persons * PENSION_AGE_IN_6_MONTHS))]
    first[soon] = shift_years_array(today + rng.integers(1, 183, size=soon.size), -67)
    first_age = today - first
    partner_age = first_age + rng.normal(years(1.5), years(3), size=kind.size).astype(np.int64)
    partner_age = np.where(
        has_children, np.maximum(partner_age, oldest_child_age + years(19)), partner_age
    )
    floor = np.where(kind == ELDERLY_COUPLE, years(62), years(19))
    partner_age = np.clip(partner_age, floor, years(100))
    birth[start] = first
    couples = np.flatnonzero(adults == 2)
    birth[start[couples] + 1] = today - partner_age[couples]


def _deaths(
    rng: np.random.Generator,
    today: int,
    kind: NDArray[np.int64],
    layout: Layout,
    *,
    birth: Days,
    persons: int,
) -> Days:
    """Day of death (or -1) per person: some elderly people died in the last 60 days."""
    elderly_kind = (kind == ELDERLY_SINGLE) | (kind == ELDERLY_COUPLE)
    old = np.flatnonzero(elderly_kind[layout["household"]] & (today - birth >= years(70) + 2))
    died = rng.permutation(old)[: max(1, round(persons * DEATHS_LAST_60_DAYS))]
    death = np.full(birth.size, -1, dtype=np.int64)
    death[died] = today - rng.integers(1, 61, size=died.size)
    return death


def draw_households(rng: np.random.Generator, persons: int, today: dt.date) -> Households:
    """`persons` random people in households, with birth days and deaths, for `today`."""
    day = day_number(today)
    kind, adults, children = _draw_kinds(rng, persons)
    layout = _layout(adults, children)
    birth = _children_births(rng, day, layout, adults)
    new_born = _special_children(rng, day, persons, layout, birth)
    _adult_births(rng, day, kind, layout, birth=birth, persons=persons)
    death = _deaths(rng, day, kind, layout, birth=birth, persons=persons)
    return Households(
        kind=kind,
        adults=adults,
        start=layout["start"],
        household=layout["household"],
        position=layout["position"],
        is_child=layout["is_child"],
        birth=birth,
        death=death,
        new_born=new_born,
    )


def minors(births: Days, today: dt.date) -> NDArray[np.bool_]:
    return ages_on(births, today) < 18
