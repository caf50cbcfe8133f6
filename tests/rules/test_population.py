# SPDX-License-Identifier: EUPL-1.2
"""The population run gives the same offers as evaluating each household, on any engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from lifegate.rules.eligibility import Status, evaluate
from lifegate.rules.population import make_chunks, read_population, run_dask, run_local
from tests.rules.population_factory import Registry, population_tables

ON = dt.date(2025, 7, 1)
Row = tuple[int, str, str, float | None, str, dt.date | None]


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return population_tables(40, ON)


def _rows(offers: pa.Table) -> list[Row]:
    return [
        (r["person_id"], r["service"], r["status"], r["amount"], r["period"], r["start_date"])
        for r in offers.drop_columns(["household_key"]).to_pylist()
    ]


def _one_by_one(tables: dict[str, pa.Table]) -> list[Row]:
    rows: list[Row] = []
    registry = Registry(tables, ON)
    for person_id in sorted(registry.rows):  # living and registered: the proactive run's scope
        evaluation = evaluate(registry.situation_for(person_id), ON)
        for result in sorted(evaluation.results, key=lambda r: r.service):
            if result.status is not Status.NOT_ENTITLED:
                amount = float(result.amount) if result.amount is not None else None
                rows.append(
                    (
                        person_id,
                        result.service,
                        result.status.value,
                        amount,
                        result.period,
                        result.start_date,
                    )
                )
    return rows


def test_the_population_run_equals_evaluating_each_household_separately(
    tables: dict[str, pa.Table],
) -> None:
    offers = run_local(tables, ON, workers=1, chunk_persons=40)

    assert _rows(offers) == _one_by_one(tables)
    assert {row[2] for row in _rows(offers)} == {"entitled", "need_more_info"}
    assert {row[1] for row in _rows(offers)} >= {
        "kinderbijslag",
        "kindgebonden-budget",
        "zorgtoeslag",
        "huurtoeslag",
    }


def test_chunks_hold_whole_households(tables: dict[str, pa.Table]) -> None:
    chunks = make_chunks(tables, ON, chunk_persons=7)

    keys = [set(chunk.household_key.tolist()) for chunk in chunks]
    assert len(chunks) > 5
    assert sum(len(k) for k in keys) == len(set().union(*keys))


def test_the_chunk_size_and_the_number_of_processes_do_not_change_the_offers(
    tables: dict[str, pa.Table],
) -> None:
    one = run_local(tables, ON, workers=1, chunk_persons=10_000)

    parallel = run_local(tables, ON, workers=2, chunk_persons=25)

    assert parallel.equals(one)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    from distributed import Client, LocalCluster  # noqa: PLC0415 - only this test needs it

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_the_dask_run_gives_identical_offers(tables: dict[str, pa.Table], dask_client: Any) -> None:
    local = run_local(tables, ON, workers=1)

    distributed = run_dask(tables, ON, dask_client, chunk_persons=30)

    assert distributed.equals(local)


def test_without_a_student_column_enrolment_is_asked_for_not_assumed(
    tables: dict[str, pa.Table],
) -> None:
    without = {**tables, "persons": tables["persons"].drop_columns(["student"])}

    offers = run_local(without, ON, workers=1)

    grants = offers.filter(pc.equal(offers["service"], "studiefinanciering"))
    assert grants.num_rows > 0
    assert set(grants["status"].to_pylist()) == {"need_more_info"}


def test_the_run_reads_the_population_parquet_folder(
    tables: dict[str, pa.Table], tmp_path: Path
) -> None:
    for name, table in tables.items():
        pq.write_table(table, tmp_path / f"{name}.parquet")

    offers = run_local(read_population(tmp_path), ON, workers=1)

    assert offers.equals(run_local(tables, ON, workers=1))
    assert offers.schema.field("start_date").type == pa.date32()
