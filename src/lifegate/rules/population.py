# SPDX-License-Identifier: EUPL-1.2
"""Population runs: every service for every registered resident, vectorised and partitioned.

Pure: numpy, pyarrow and OpenFisca; the only IO is reading the population's Parquet files.
The persons are grouped into allowance households exactly as the eligibility service does
(`eligibility.unit`), the households are split into chunks, and each chunk is one OpenFisca
simulation built from arrays. Chunks run in parallel on local processes or on a Dask
cluster; both give the same offers table, sorted by person and service.

    tables = read_population("population/")
    offers = run_local(tables, dt.date(2025, 7, 1))            # all cores
    offers = run_dask(tables, dt.date(2025, 7, 1), client)     # a distributed.Client
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from numpy.typing import NDArray

from lifegate.rules.openfisca_nl.dates import age_on, as_day
from lifegate.rules.population_chunk import OFFERS_SCHEMA, UNKNOWN_FIELDS, Chunk, evaluate_chunk

PERSON_COLUMNS = (
    "person_id",
    "birth_date",
    "death_date",
    "household_id",
    "partner_id",
    "yearly_income",
    "assets",
    "health_insured",
    "registered_in_brp",
    "student",
)
CHUNK_PERSONS = 50_000  # big enough for numpy to pay off, small enough to spread over cores
Tables = dict[str, pa.Table]


def read_population(folder: Path | str) -> Tables:
    """The columns the rules need from `persons`, `parenthood` and `households` Parquet files."""
    source = Path(folder)
    persons = pq.read_table(source / "persons.parquet")
    columns = [c for c in PERSON_COLUMNS if c in persons.column_names]
    return {
        "persons": persons.select(columns),
        "parenthood": pq.read_table(
            source / "parenthood.parquet", columns=["parent_id", "child_id"]
        ),
        "households": pq.read_table(
            source / "households.parquet", columns=["household_id", "rented"]
        ),
    }


def _ints(table: pa.Table, column: str, missing: int = -1) -> NDArray[np.int64]:
    return np.asarray(pc.fill_null(table[column], missing).to_numpy(), dtype=np.int64)


def _days(table: pa.Table, column: str) -> NDArray[np.int64]:
    days = pc.cast(pc.fill_null(table[column], pa.scalar(2**31 - 1, pa.date32())), pa.int32())
    return np.asarray(days.to_numpy(), dtype=np.int64)


def _flags(table: pa.Table, column: str) -> NDArray[np.bool_]:
    if column not in table.column_names:
        return np.zeros(table.num_rows, dtype=bool)
    return np.asarray(pc.fill_null(table[column], False).to_numpy(zero_copy_only=False), dtype=bool)


def _missing_columns(persons: pa.Table) -> frozenset[str]:
    """Facts a table without the optional `student` column cannot tell: asked, not assumed."""
    return (
        frozenset()
        if "student" in persons.column_names
        else frozenset({"enrolled_higher_education"})
    )


def _lookup(ids: NDArray[np.int64], wanted: NDArray[np.int64]) -> NDArray[np.int64]:
    """Index of each `wanted` id in sorted `ids`, or -1 when absent."""
    index = np.clip(np.searchsorted(ids, wanted), 0, max(ids.size - 1, 0))
    found = (ids.size > 0) & (ids[index] == wanted)
    return np.where(found, index, -1)


def _first_parents(
    tables: Tables, ids: NDArray[np.int64], home: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Per person, the index of the lowest-id parent they live with (-1 when none)."""
    parent = _lookup(ids, _ints(tables["parenthood"], "parent_id"))
    child = _lookup(ids, _ints(tables["parenthood"], "child_id"))
    together = (parent >= 0) & (child >= 0)
    together &= home[np.maximum(parent, 0)] == home[np.maximum(child, 0)]
    together &= home[np.maximum(child, 0)] >= 0
    first = np.full(ids.size, np.iinfo(np.int64).max)
    np.minimum.at(first, child[together], ids[parent[together]])
    return np.where(first == np.iinfo(np.int64).max, -1, _lookup(ids, first))


def household_keys(
    tables: Tables, on: dt.date
) -> tuple[pa.Table, NDArray[np.int64], NDArray[np.int8], NDArray[np.int64]]:
    """Living registered persons (sorted by id), their household key, role, first parent."""
    persons = tables["persons"]
    alive = _days(persons, "death_date") > (on - dt.date(1970, 1, 1)).days
    persons = persons.filter(pa.array(alive & _flags(persons, "registered_in_brp")))
    persons = persons.sort_by("person_id")
    ids = _ints(persons, "person_id")
    home = _ints(persons, "household_id")
    partner = _lookup(ids, _ints(persons, "partner_id"))
    own = np.where(partner >= 0, np.minimum(ids, ids[np.maximum(partner, 0)]), ids)
    first = _first_parents(tables, ids, home)
    minor = age_on(_days(persons, "birth_date").astype("datetime64[D]"), as_day(on)) < 18
    child = minor & (first >= 0)
    key = np.where(child, own[np.maximum(first, 0)], own)
    return persons, key, child.astype(np.int8), first


def _chunk(
    persons: pa.Table,
    *,
    key: NDArray[np.int64],
    role: NDArray[np.int8],
    first: NDArray[np.int64],
    rented: NDArray[np.bool_],
    on: dt.date,
    rows: NDArray[np.int64],
) -> Chunk:
    part = persons.take(pa.array(rows))
    return Chunk(
        on=on,
        person_id=_ints(part, "person_id"),
        household_key=key[rows],
        role=role[rows],
        birth=_days(part, "birth_date").astype("datetime64[D]"),
        income=_ints(part, "yearly_income", 0),
        assets=_ints(part, "assets", 0),
        insured=_flags(part, "health_insured"),
        resident=np.ones(rows.size, dtype=bool),  # registered in the BRP: lives here
        student=_flags(part, "student"),
        lives_with_parents=first[rows] >= 0,
        rented=rented[rows],
        unknown=UNKNOWN_FIELDS | _missing_columns(persons),
    )


def make_chunks(tables: Tables, on: dt.date, chunk_persons: int = CHUNK_PERSONS) -> list[Chunk]:
    """Whole households per chunk, about `chunk_persons` persons each."""
    persons, key, role, first = household_keys(tables, on)
    ids = _ints(persons, "person_id")
    homes = tables["households"].sort_by("household_id")
    home_of_key = _ints(persons, "household_id")[_lookup(ids, key)]
    where = _lookup(_ints(homes, "household_id"), home_of_key)
    rented = np.where(where >= 0, _flags(homes, "rented")[np.maximum(where, 0)], False)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    cuts = [0]
    while cuts[-1] < order.size:
        end = min(cuts[-1] + chunk_persons, order.size)
        if end < order.size:  # move the cut to the end of the household it falls in
            end = int(np.searchsorted(sorted_keys, sorted_keys[end - 1], side="right"))
        cuts.append(end)
    return [
        _chunk(
            persons, key=key, role=role, first=first, rented=rented, on=on, rows=np.sort(order[a:b])
        )
        for a, b in itertools.pairwise(cuts)
    ]


def combine(parts: Iterable[pa.Table]) -> pa.Table:
    """One offers table, sorted by person and service (the same whatever ran the chunks)."""
    table = pa.concat_tables([OFFERS_SCHEMA.empty_table(), *parts])
    return table.sort_by([("person_id", "ascending"), ("service", "ascending")])


def run_local(
    tables: Tables, on: dt.date, *, workers: int | None = None, chunk_persons: int = CHUNK_PERSONS
) -> pa.Table:
    """The offers for everyone, chunks evaluated in `workers` processes (all cores by default)."""
    chunks = make_chunks(tables, on, chunk_persons)
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(chunks) == 1:
        return combine(evaluate_chunk(chunk) for chunk in chunks)
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        return combine(pool.map(evaluate_chunk, chunks))


def run_dask(
    tables: Tables, on: dt.date, client: Any, *, chunk_persons: int = CHUNK_PERSONS
) -> pa.Table:
    """The same run on a Dask `distributed.Client` (a `LocalCluster` or a real cluster)."""
    chunks = make_chunks(tables, on, chunk_persons)
    futures = client.map(evaluate_chunk, chunks, pure=False)
    return combine(client.gather(futures))


Runner = Callable[[Tables, dt.date], pa.Table]
