# SPDX-License-Identifier: EUPL-1.2
"""Random persons, their households and parenthood as Arrow tables (vectorised, no loops)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from lifegate.core.bsn import unique_bsns
from lifegate.demo.population import names
from lifegate.demo.population.dates import Days, ages_on, day_number
from lifegate.demo.population.households import (
    ELDERLY_COUPLE,
    ELDERLY_SINGLE,
    SINGLE_PARENT,
    STUDENT,
    Households,
)
from lifegate.demo.population.tables import HOUSEHOLDS, PARENTHOOD, PERSONS

FIRST_RANDOM_ID = 1000  # ids 1..99 belong to the personas
EU_RESIDENTS = 0.03  # share of households whose members are citizens of another EU state
_ALNUM = np.array(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def pick(words: Sequence[str], index: NDArray[np.int64]) -> pa.Array:
    """The words at `index`, as an Arrow string array (a take from a tiny dictionary)."""
    return pa.array(words, pa.string()).take(pa.array(index))


def dates(days: Days, missing: NDArray[np.bool_] | None = None) -> pa.Array:
    return pa.array(days.astype(np.int32), pa.date32(), mask=missing)


@dataclass(frozen=True)
class Residents:
    """What other tables need to know about the random persons (per person)."""

    person_id: NDArray[np.int64]
    age: NDArray[np.int64]
    birth: Days
    alive: NDArray[np.bool_]
    student: NDArray[np.bool_]
    municipality: NDArray[np.int64]  # index into `names.MUNICIPALITIES`
    family_name: pa.Array


def _sexes(rng: np.random.Generator, homes: Households) -> NDArray[np.int64]:
    """0 = F, 1 = M, 2 = X. Partners are mostly of the other sex; single parents mostly F."""
    count = homes.birth.size
    first = np.where(
        homes.kind == SINGLE_PARENT,
        rng.random(homes.kind.size) < 0.2,
        rng.random(homes.kind.size) < 0.5,
    ).astype(np.int64)
    sex = rng.integers(0, 2, size=count)
    head = first[homes.household]
    sex = np.where(homes.position == 0, head, sex)
    same_sex = rng.random(count) < 0.05
    sex = np.where((homes.position == 1) & ~homes.is_child, np.where(same_sex, head, 1 - head), sex)
    return np.where(rng.random(count) < 0.0005, 2, sex)


def _names(
    rng: np.random.Generator, homes: Households, sex: NDArray[np.int64], country: NDArray[np.int64]
) -> tuple[pa.Array, pa.Array]:
    """Given names by sex; a family name per household, partners keep their own."""
    count = sex.size
    females, males = len(names.FEMALE_NAMES), len(names.MALE_NAMES)
    given = np.where(
        sex == 0, rng.integers(0, females, count), females + rng.integers(0, males, count)
    )
    given = np.where(sex == 2, rng.integers(0, females + males, count), given)
    dutch = len(names.FAMILY_NAMES)
    household_name = rng.integers(0, dutch, homes.kind.size)[homes.household]
    own_name = rng.integers(0, dutch, count)
    family = np.where((homes.position == 1) & ~homes.is_child, own_name, household_name)
    # Citizens of other EU states get a name from their country's short list.
    eu_names = [name for _, group in names.EU_FAMILY_NAMES for name in group]
    per_country = len(names.EU_FAMILY_NAMES[0][1])
    eu_family = dutch + (country - 1) * per_country + family % per_country
    family = np.where(country > 0, eu_family, family)
    given_names = pick(names.FEMALE_NAMES + names.MALE_NAMES, given)
    return given_names, pick(names.FAMILY_NAMES + tuple(eu_names), family)


def _nationality(rng: np.random.Generator, homes: Households) -> NDArray[np.int64]:
    """0 = Dutch, otherwise 1 + index into `names.EU_FAMILY_NAMES` (per person)."""
    count = homes.kind.size
    foreign = rng.random(count) < EU_RESIDENTS
    country = 1 + rng.choice(len(names.EU_COUNTRY_WEIGHTS), size=count, p=names.EU_COUNTRY_WEIGHTS)
    return np.where(foreign, country, 0)[homes.household]


def _foreign_ids(rng: np.random.Generator, country: NDArray[np.int64]) -> pa.Array:
    """eIDAS-style `PL/NL/<16 uppercase letters or digits>` for EU citizens, "" otherwise."""
    codes = ["NL"] + [code for code, _ in names.EU_FAMILY_NAMES]
    foreign = country > 0
    # A (k, 16) array of one-character strings viewed as k sixteen-character strings.
    chars = _ALNUM[rng.integers(0, _ALNUM.size, size=(int(foreign.sum()), 16))]
    suffix = pa.array(np.ascontiguousarray(chars).view("<U16").ravel(), pa.string())
    ids = pc.binary_join_element_wise(pick(codes, country[foreign]), "NL", suffix, "/")
    return pc.replace_with_mask(
        pa.repeat(pa.scalar("", pa.string()), country.size), pa.array(foreign), ids
    )


def _money(
    rng: np.random.Generator, age: NDArray[np.int64], student: NDArray[np.bool_]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Yearly income (toetsingsinkomen-like) and assets in euros, rounded to 100."""
    count = age.size
    earning = rng.lognormal(np.log(36_000), 0.55, count) * (rng.random(count) >= 0.07)
    pension = 15_500 + rng.lognormal(np.log(9_000), 0.8, count)
    side_job = rng.lognormal(np.log(9_000), 0.5, count)
    income = np.select([age < 18, age >= 67, student], [0, pension, side_job], default=earning)
    median = np.where(age >= 67, 40_000, 15_000)
    assets = rng.lognormal(np.log(median), 1.4) * (rng.random(count) >= 0.4) * (age >= 18)
    return (np.round(income, -2).astype(np.int64), np.round(assets, -2).astype(np.int64))


def _partners(homes: Households) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Partner's person index (and a mask of persons without one) for couples."""
    couple = (homes.adults[homes.household] == 2) & (homes.position < 2)
    partner = homes.start[homes.household] + 1 - homes.position
    return partner, ~couple


def _life_events(
    rng: np.random.Generator,
    homes: Households,
    today: int,
    age: NDArray[np.int64],
    working: NDArray[np.bool_],
) -> tuple[pa.Array, pa.Array]:
    """Birth registration of newborns (a few days later, not after today) and recent job ends."""
    registered = np.minimum(homes.birth + rng.integers(1, 6, homes.birth.size), today)
    job_ended = working & (rng.random(age.size) < 0.005)
    ended_on = today - rng.integers(1, 61, age.size)
    return dates(registered, ~homes.new_born), dates(ended_on, ~job_ended)


def _identity(rng: np.random.Generator, homes: Households, seed: int) -> dict[str, pa.Array]:
    """Registry numbers, names, sex and nationality of the random persons."""
    sex = _sexes(rng, homes)
    country = _nationality(rng, homes)
    given, family = _names(rng, homes, sex, country)
    bsn = unique_bsns(homes.birth.size, seed=seed)
    return {
        "bsn": pc.utf8_lpad(pc.cast(pa.array(bsn), pa.string()), 9, "0"),
        "foreign_id": _foreign_ids(rng, country),
        "given_names": given,
        "family_name": family,
        "sex": pick(("F", "M", "X"), sex),
        "nationality": pick(["NL"] + [code for code, _ in names.EU_FAMILY_NAMES], country),
    }


def persons_table(
    rng: np.random.Generator,
    homes: Households,
    municipality: NDArray[np.int64],
    today: dt.date,
    seed: int,
) -> tuple[pa.Table, Residents]:
    """The random persons, ids from `FIRST_RANDOM_ID`, every one registered with a BSN."""
    count, day = homes.birth.size, day_number(today)
    age = ages_on(homes.birth, today)
    columns = _identity(rng, homes, seed)
    student = (homes.kind[homes.household] == STUDENT) & (homes.position == 0)
    income, assets = _money(rng, age, student)
    working = (age >= 18) & (age < 67) & ~student
    registered_on, job_end = _life_events(rng, homes, day, age, working)
    partner, single = _partners(homes)
    codes = [code for code, *_ in names.MUNICIPALITIES]
    columns |= {
        "person_id": FIRST_RANDOM_ID + np.arange(count, dtype=np.int64),
        "birth_date": dates(homes.birth),
        "death_date": dates(homes.death, homes.death < 0),
        "municipality_code": pick(codes, municipality[homes.household]),
        "household_id": FIRST_RANDOM_ID + homes.household,
        "partner_id": pa.array(FIRST_RANDOM_ID + partner, mask=single),
        "yearly_income": income,
        "assets": assets,
        "health_insured": np.where(age < 18, ~homes.new_born, rng.random(count) < 0.99),
        "registered_in_brp": np.ones(count, dtype=np.bool_),
        "birth_registered_on": registered_on,
        "employment_end_date": job_end,
        "student": student,
        "persona": pa.repeat(pa.scalar("", pa.string()), count),
    }
    table = pa.Table.from_pydict(columns, schema=PERSONS)
    alive = homes.death < 0
    residents = Residents(
        table["person_id"].to_numpy(), age, homes.birth, alive, student,
        municipality[homes.household], columns["family_name"],
    )  # fmt: skip
    return table, residents


def households_table(
    rng: np.random.Generator, homes: Households
) -> tuple[pa.Table, NDArray[np.int64]]:
    """Addresses of the random households, and each household's municipality index."""
    count = homes.kind.size
    shares = [share for *_, share in names.MUNICIPALITIES]
    municipality = rng.choice(len(shares), size=count, p=shares)
    low = np.array([first for _, _, first, _, _ in names.MUNICIPALITIES])[municipality]
    high = np.array([last for _, _, _, last, _ in names.MUNICIPALITIES])[municipality]
    number = pc.cast(pa.array(rng.integers(low, high + 1)), pa.string())
    letters = pick(
        names.POSTCODE_LETTER_PAIRS, rng.integers(0, len(names.POSTCODE_LETTER_PAIRS), count)
    )
    elderly = (homes.kind == ELDERLY_SINGLE) | (homes.kind == ELDERLY_COUPLE)
    rented_share = np.select([homes.kind == STUDENT, elderly], [1.0, 0.35], default=0.45)
    columns = [
        FIRST_RANDOM_ID + np.arange(count, dtype=np.int64),
        pick([code for code, *_ in names.MUNICIPALITIES], municipality),
        pick(names.STREETS, rng.integers(0, len(names.STREETS), count)),
        rng.integers(1, 220, count).astype(np.int32),
        pc.binary_join_element_wise(number, letters, " "),
        pick([city for _, city, *_ in names.MUNICIPALITIES], municipality),
        rng.random(count) < rented_share,
    ]
    return pa.Table.from_arrays(columns, schema=HOUSEHOLDS), municipality


def parenthood_table(homes: Households, minor: NDArray[np.bool_]) -> pa.Table:
    """Each child living at home with the one or two adults of the household as parents."""
    child = np.flatnonzero(homes.is_child)
    first_parent = homes.start[homes.household[child]]
    with_second = homes.adults[homes.household[child]] == 2
    parent = np.concatenate([first_parent, first_parent[with_second] + 1])
    children = np.concatenate([child, child[with_second]])
    order = np.lexsort((parent, children))  # rows grouped by child, as a registry lists them
    columns = [
        FIRST_RANDOM_ID + parent[order],
        FIRST_RANDOM_ID + children[order],
        minor[children[order]],
    ]
    return pa.Table.from_arrays(columns, schema=PARENTHOOD)
