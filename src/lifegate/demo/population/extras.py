# SPDX-License-Identifier: EUPL-1.2
"""Companies and diplomas of the random persons (vectorised)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from lifegate.demo.population import names
from lifegate.demo.population.dates import day_number
from lifegate.demo.population.households import years
from lifegate.demo.population.people import Residents, dates, pick
from lifegate.demo.population.tables import COMPANIES, DIPLOMAS

PERSONS_PER_COMPANY = 40
# Random KvK numbers start with 1-8: persona companies use numbers starting with 9.
_KVK_FIRST, _KVK_COUNT = 10_000_000, 80_000_000
_LEVEL_SHARES = (0.10, 0.15, 0.35, 0.25, 0.15)  # vwo, havo, mbo, bachelor, master
_HIGHEST_DIPLOMA_SHARE = 0.6  # adults (25+, not studying) with a diploma in the registry


def _capitalised(words: pa.Array) -> pa.Array:
    """First letter upper case only ("de Jong" -> "De Jong"), as in a trade name."""
    first = pc.utf8_upper(pc.utf8_slice_codeunits(words, 0, 1))
    return pc.binary_join_element_wise(first, pc.utf8_slice_codeunits(words, 1), "")


def companies_table(rng: np.random.Generator, people: Residents, today: dt.date) -> pa.Table:
    """About one company per 40 persons, owned by a living adult of 25-66 who is not studying."""
    day = day_number(today)
    able = np.flatnonzero(people.alive & (people.age >= 25) & (people.age < 67) & ~people.student)
    count = min(able.size, max(1, round(people.age.size / PERSONS_PER_COMPANY)))
    owner = np.sort(rng.choice(able, size=count, replace=False))
    kvk = _KVK_FIRST + rng.choice(_KVK_COUNT, size=count, replace=False)
    # Started in the last 20 years, and not before the owner turned 18 (6,576 days).
    start = np.maximum(day - rng.integers(30, years(20), count), people.birth[owner] + 6_576)
    trade = pick(names.TRADES, rng.integers(0, len(names.TRADES), count))
    family = _capitalised(people.family_name.take(pa.array(owner)))
    legal_form = rng.choice(len(names.LEGAL_FORMS), size=count, p=names.LEGAL_FORM_WEIGHTS)
    codes = [code for code, *_ in names.MUNICIPALITIES]
    columns = [
        pc.cast(pa.array(kvk), pa.string()),
        pc.binary_join_element_wise(family, trade, " "),
        people.person_id[owner],
        dates(start),
        pick(codes, people.municipality[owner]),
        pick(names.LEGAL_FORMS, legal_form),
    ]
    return pa.Table.from_arrays(columns, schema=COMPANIES)


def _diploma_columns(
    rng: np.random.Generator,
    person: NDArray[np.int64],
    level: NDArray[np.int64],
    awarded: NDArray[np.int64],
) -> list[pa.Array]:
    """Columns of the diplomas table; programme and institution drawn per level."""
    programmes: list[str] = []
    institutions: list[str] = []
    sizes = []
    for name in names.DIPLOMA_LEVELS:  # five levels, not a loop per person
        level_programmes, level_institutions, _ = names.DIPLOMAS[name]
        programmes += level_programmes
        institutions += level_institutions
        sizes.append((len(level_programmes), len(level_institutions)))
    counts = np.array(sizes)
    starts = np.cumsum(counts, axis=0) - counts
    programme = starts[level, 0] + (rng.random(level.size) * counts[level, 0]).astype(np.int64)
    school = starts[level, 1] + (rng.random(level.size) * counts[level, 1]).astype(np.int64)
    return [
        person,
        pick(names.DIPLOMA_LEVELS, level),
        pick(programmes, programme),
        pick(institutions, school),
        dates(awarded),
    ]


def diplomas_table(rng: np.random.Generator, people: Residents) -> pa.Table:
    """Students (18-25) hold vwo, older ones a bachelor and some a master; many adults of
    25 and over hold one highest diploma."""
    vwo, bachelor, master = (names.DIPLOMA_LEVELS.index(n) for n in ("vwo", "bachelor", "master"))
    student = np.flatnonzero(people.student)
    graduate = student[people.age[student] >= 22]
    graduate = graduate[rng.random(graduate.size) < 0.5]
    postgraduate = graduate[(people.age[graduate] >= 24) & (rng.random(graduate.size) < 0.4)]
    adult = np.flatnonzero((people.age >= 25) & ~people.student)
    adult = adult[rng.random(adult.size) < _HIGHEST_DIPLOMA_SHARE]
    adult_level = rng.choice(5, size=adult.size, p=_LEVEL_SHARES)
    typical_age = np.array([names.DIPLOMAS[name][2] for name in names.DIPLOMA_LEVELS])
    # Awarded in the half year before the typical age (students), or within the year after
    # it (adults of 25+), so every award lies in the past.
    person = np.concatenate([student, graduate, postgraduate, adult])
    level = np.concatenate(
        [
            np.full(student.size, vwo),
            np.full(graduate.size, bachelor),
            np.full(postgraduate.size, master),
            adult_level,
        ]
    )
    offset = np.concatenate(
        [
            rng.integers(-180, -30, student.size + graduate.size + postgraduate.size),
            rng.integers(0, 300, adult.size),
        ]
    )
    awarded = people.birth[person] + (typical_age[level] * 365.2425).astype(np.int64) + offset
    return pa.Table.from_arrays(
        _diploma_columns(rng, people.person_id[person], level, awarded), schema=DIPLOMAS
    )
