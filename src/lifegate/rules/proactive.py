# SPDX-License-Identifier: EUPL-1.2
"""`lifegate proactive run`: every service for everyone on a date, written as offers.

    summary = run_proactive(dt.date(2025, 7, 1), parquet=Path("pop/"), engine="dask")

Local runs use all cores (processes); `engine="dask"` runs the same chunks on a Dask
cluster (the scheduler at `scheduler`, or a `LocalCluster` started for the run). Both give
the same offers, sorted by person and service; the run replaces any earlier run of the date.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from lifegate.rules.offers import RunFacts, replace_run
from lifegate.rules.population import Tables, read_population, run_dask, run_local

Progress = Callable[[str], None]


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    as_of: dt.date
    engine: str
    persons: int
    offers: int
    by_service: dict[tuple[str, str], int]
    seconds: dict[str, float]  # read, evaluate, write


def _quiet(_message: str) -> None:
    return None


def _evaluate(tables: Tables, as_of: dt.date, engine: str, scheduler: str | None) -> pa.Table:
    if engine == "local":
        return run_local(tables, as_of)
    from distributed import Client, LocalCluster  # noqa: PLC0415 - only when asked for

    # distributed has no type hints; its Client and LocalCluster are used as documented.
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            return run_dask(tables, as_of, client)
    with (
        LocalCluster(processes=True, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        return run_dask(tables, as_of, client)


def _counts(offers: pa.Table) -> dict[tuple[str, str], int]:
    counted = offers.group_by(["service", "status"]).aggregate([([], "count_all")])
    rows = zip(*(counted[c].to_pylist() for c in ("service", "status", "count_all")), strict=True)
    return dict(sorted(((service, status), count) for service, status, count in rows))


def run_proactive(
    as_of: dt.date,
    *,
    parquet: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Progress = _quiet,
) -> RunSummary:
    """Evaluate the population (Parquet, or the demo registries' tables) and store offers."""
    if engine not in {"local", "dask"}:
        raise ValueError(f"unknown engine {engine!r}: use local or dask")
    started = time.perf_counter()
    if parquet is not None:
        tables = read_population(parquet)
    else:
        from lifegate.rules.population_db import read_population_from_database  # noqa: PLC0415

        tables = read_population_from_database()
    persons = tables["persons"].num_rows
    read = time.perf_counter()
    progress(f"read {persons:,} persons in {read - started:.1f} s; evaluating ({engine})")
    offers = _evaluate(tables, as_of, engine, scheduler)
    evaluated = time.perf_counter()
    progress(f"evaluated in {evaluated - read:.1f} s; writing {offers.num_rows:,} offers")
    source = "parquet" if parquet else "database"
    facts = RunFacts(as_of, engine, source, persons, evaluated - started)
    run = replace_run(facts, offers)
    written = time.perf_counter()
    progress(f"wrote {offers.num_rows:,} offers in {written - evaluated:.1f} s")
    seconds = {"read": read - started, "evaluate": evaluated - read, "write": written - evaluated}
    return RunSummary(
        str(run.id), as_of, engine, persons, offers.num_rows, _counts(offers), seconds
    )
