# SPDX-License-Identifier: EUPL-1.2
"""The whole population: every rule for 1,000,000 persons, from Parquet to an offers table.

Target (issue 5): under 30 s on two cores, end to end (read Parquet, group households,
evaluate in parallel, write the offers as Parquet). Baseline measured in the same run: a
sample of households evaluated one by one, each its own OpenFisca simulation built with
`build_from_entities` (the way benefit simulators call OpenFisca), scaled to the population.
The population is generated here as arrays of the synthetic population's Parquet shape.
With `DATABASE_URL` set (PostgreSQL: `scripts/postgres start DIR PORT` prints it), the run
is `lifegate proactive run` itself: Parquet -> offers written to the database (`--sqlite`:
the same into SQLite in a fresh LIFEGATE_HOME). A second
baseline posts the sample household by household to OpenFisca's own web API (`openfisca
serve`, `/calculate`, every rule variable in both periods) with 8 connections, scaled. Run:
`DATABASE_URL=... uv run --frozen python bench/rules_population.py [--persons N] [--sample N]`
or `uv run --frozen python bench/rules_population.py --sqlite`. The run's own progress lines
(read, evaluated, wrote) show where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray
from openfisca_core.simulation_builder import SimulationBuilder

from lifegate.rules.eligibility import SERVICES
from lifegate.rules.openfisca_nl import tax_benefit_system
from lifegate.rules.population import read_population, run_local
from rules_http import load_each, openfisca_server

ON = dt.date(2025, 7, 1)
EPOCH = dt.date(1970, 1, 1)


def _persons_table(
    rng: np.random.Generator,
    household: NDArray[np.int64],
    adult: NDArray[np.bool_],
    partner: NDArray[np.int64],
    age_days: NDArray[np.int64],
) -> pa.Table:
    person_id = np.arange(1, household.size + 1, dtype=np.int64)
    today = (ON - EPOCH).days
    return pa.table(
        {
            "person_id": person_id,
            "bsn": pa.array(np.char.zfill(person_id.astype(str), 9)),
            "birth_date": pa.array((today - age_days).astype(np.int32), pa.date32()),
            "death_date": pa.array(np.full(household.size, None), pa.date32()),
            "household_id": household.astype(np.int64),
            "partner_id": pa.array(partner, mask=partner < 0),
            "yearly_income": np.where(
                adult,
                rng.choice([0, 15_000, 24_000, 29_000, 35_000, 48_000, 75_000], household.size),
                0,
            ),
            "assets": rng.choice(
                [0, 10_000, 60_000, 200_000], household.size, p=[0.4, 0.3, 0.2, 0.1]
            ),
            "health_insured": rng.random(household.size) < 0.98,
            "registered_in_brp": rng.random(household.size) < 0.995,
            "student": (~adult | (age_days < 30 * 365)) & (rng.random(household.size) < 0.3),
            "persona": pa.array([""] * household.size),
        }
    )


def synthetic_population(persons: int, seed: int = 5) -> dict[str, pa.Table]:
    """Households of 1-5 persons: 1 or 2 adults (partners), the others their children."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 4, 5], size=persons // 2, p=[0.38, 0.33, 0.13, 0.12, 0.04])
    sizes = sizes[np.cumsum(sizes) <= persons]
    household = np.repeat(np.arange(1, sizes.size + 1), sizes)
    rank = np.arange(household.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    # 1 adult when alone, 2 in larger households, except some single parents with two children.
    home_adults = np.where(sizes == 1, 1, 2) - ((sizes == 3) & (rng.random(sizes.size) < 0.3))
    adults = home_adults[household - 1]
    adult = rank < adults
    person_id = np.arange(1, household.size + 1, dtype=np.int64)
    age_days = np.where(
        adult,
        rng.integers(18 * 365 + 5, 95 * 365, household.size),
        rng.integers(1, 24 * 365, household.size),
    )
    two = adult & (adults == 2)
    partner = np.where(two, np.where(rank == 0, person_id + 1, person_id - 1), -1)
    kid = ~adult
    parents_first = person_id - rank  # the household's first person
    parent_ids = np.concatenate([parents_first[kid], (parents_first + 1)[kid & (adults >= 2)]])
    child_ids = np.concatenate([person_id[kid], person_id[kid & (adults >= 2)]])
    persons_table = _persons_table(rng, household, adult, partner, age_days)
    return {
        "persons": persons_table,
        "parenthood": pa.table(
            {
                "parent_id": parent_ids,
                "child_id": child_ids,
                "has_authority": np.ones(child_ids.size, dtype=bool),
            }
        ),
        "households": pa.table(
            {
                "household_id": np.arange(1, sizes.size + 1),
                "municipality_code": pa.array(["0344"] * sizes.size),
                "rented": rng.random(sizes.size) < 0.45,
            }
        ),
    }


def _household_situation(rows: list[dict[str, Any]], kids: set[int]) -> dict[str, Any]:
    persons = {
        str(r["person_id"]): {
            "geboortedatum": {"ETERNITY": r["birth_date"].isoformat()},
            "jaarinkomen": {"2025": r["yearly_income"]},
            "vermogen": {"2025": r["assets"]},
            "zorgverzekerd": {"2025": r["health_insured"]},
            "woont_in_nederland": {"2025": True},
            "ingeschreven_hoger_onderwijs": {"2025": r["student"]},
        }
        for r in rows
    }
    ids = [str(r["person_id"]) for r in rows]
    parents = [i for i in ids if int(i) not in kids] or ids[:1]
    return {
        "personen": persons,
        "huishoudens": {"h": {"ouders": parents, "kinderen": [i for i in ids if i not in parents]}},
    }


def one_by_one(tables: dict[str, pa.Table], households: int) -> float:
    """Seconds to evaluate the first `households` households one simulation each."""
    system = tax_benefit_system()
    persons = (
        tables["persons"]
        .filter(pa.compute.less_equal(tables["persons"]["household_id"], households))
        .to_pylist()
    )
    kids = set(tables["parenthood"]["child_id"].to_pylist())
    by_home: dict[int, list[dict[str, Any]]] = {}
    for row in persons:
        by_home.setdefault(row["household_id"], []).append(row)
    variables = [step.variable for rule in SERVICES for step in (*rule.conditions, rule.amount)]
    started = time.perf_counter()
    for rows in by_home.values():
        simulation = SimulationBuilder().build_from_entities(
            system, _household_situation(rows, kids)
        )
        for period in ("2025-07", "2025-08", "2025-10"):
            for variable in variables:
                simulation.calculate(variable, period)
    return time.perf_counter() - started


def _bodies(tables: dict[str, pa.Table], households: int) -> list[dict[str, Any]]:
    """The sample's households as OpenFisca web API requests for every rule variable."""
    system = tax_benefit_system()
    persons = tables["persons"].filter(
        pa.compute.less_equal(tables["persons"]["household_id"], households)
    )
    kids = set(tables["parenthood"]["child_id"].to_pylist())
    by_home: dict[int, list[dict[str, Any]]] = {}
    for row in persons.to_pylist():
        by_home.setdefault(row["household_id"], []).append(row)
    names = [step.variable for rule in SERVICES for step in (*rule.conditions, rule.amount)]
    bodies = []
    for rows in by_home.values():
        body = _household_situation(rows, kids)
        for name in dict.fromkeys(names):
            group = "personen" if system.variables[name].entity.key == "persoon" else "huishoudens"
            for entity in body[group].values():
                entity[name] = {"2025-07": None, "2025-10": None}
        bodies.append(body)
    return bodies


def over_web_api(tables: dict[str, pa.Table], households: int) -> float:
    """Seconds for the sample through `openfisca serve` (2 workers x 4 threads, 8 connections)."""
    bodies = _bodies(tables, households)
    with openfisca_server(8769, 2) as server:
        return load_each(f"{server.url}/calculate", bodies, connections=8)


def end_to_end(folder: Path, database: bool) -> tuple[float, int]:
    if database:
        from _rules_django import proactive_run, setup  # noqa: PLC0415 - only with a database

        setup()
        started = time.perf_counter()
        offers = proactive_run(folder, ON)
    else:
        started = time.perf_counter()
        table = run_local(read_population(folder), ON)
        pq.write_table(table, folder / "offers.parquet")
        offers = table.num_rows
    return time.perf_counter() - started, offers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=10_000, help="households in the baseline")
    parser.add_argument(
        "--sqlite", action="store_true", help="write the offers to SQLite (no DATABASE_URL)"
    )
    args = parser.parse_args()
    database = args.sqlite or bool(os.environ.get("DATABASE_URL"))
    tables = synthetic_population(args.persons)
    people, homes = tables["persons"].num_rows, tables["households"].num_rows
    with tempfile.TemporaryDirectory() as folder:
        for name, table in tables.items():
            pq.write_table(table, Path(folder) / f"{name}.parquet")
        seconds, offers = end_to_end(Path(folder), database)
    sample = min(args.sample, homes)
    baseline = one_by_one(tables, sample) * homes / sample
    web = over_web_api(tables, sample) * homes / sample
    print(f"population: {people:,} persons in {homes:,} households, {len(SERVICES)} services")
    where = "Parquet file"
    if database:
        where = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    print(
        f"  lifegate, Parquet -> offers written to the {where}: {seconds:.1f} s, {offers:,} offers"
    )
    how = f"build_from_entities, {sample:,} households scaled"
    print(f"  baseline, household by household in-process ({how}): {baseline:.0f} s")
    print(f"  ratio: {baseline / seconds:.0f}x faster")
    print(
        f"  baseline, household by household via openfisca serve ({sample:,} scaled): {web:.0f} s"
    )
    ratio = web / seconds
    print(f"  ratio: {ratio:.0f}x faster; target >= 20x: {'met' if ratio >= 20 else 'NOT met'}")
    print(f"  target < 30 s: {'met' if seconds < 30 else 'NOT met'}")


if __name__ == "__main__":
    main()
