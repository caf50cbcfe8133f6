# SPDX-License-Identifier: EUPL-1.2
"""How long generating 1,000,000 persons and writing them as Parquet takes.

Target (foundation issue, part 4): well under 60 s, aim below 15 s on two cores, writing
included. Baselines measured in the same run: numpy drawing as many random numbers as the
population has cells, and pyarrow writing a table of random integers as large as the
persons table; no generator can beat either. Run:
`uv run --frozen python bench/population_parquet.py [--persons 1000000]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from lifegate.demo.population import generate_population, write_parquet

TODAY = dt.date(2025, 7, 1)
T = TypeVar("T")


def _seconds(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _baselines(rows: int, columns: int, folder: Path) -> tuple[float, float]:
    rng = np.random.default_rng(1)
    draw, values = _seconds(lambda: rng.integers(0, 1_000_000, size=(columns, rows)))
    table = pa.table({f"c{i}": values[i] for i in range(columns)})
    write, _ = _seconds(
        lambda: pq.write_table(table, folder / "baseline.parquet", compression="zstd")
    )
    return draw, write


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    persons = parser.parse_args().persons
    with tempfile.TemporaryDirectory(prefix="lifegate-bench-") as temporary:
        folder = Path(temporary)
        generate, population = _seconds(
            lambda: generate_population(persons, seed=2025, today=TODAY)
        )
        write, paths = _seconds(lambda: write_parquet(population, folder / "population"))
        columns = population.persons.num_columns
        draw, baseline_write = _baselines(persons, columns, folder)
        size = sum(path.stat().st_size for path in paths.values())
    print(f"Population of {persons:,} persons (seed 2025, day {TODAY}):")
    for name, table in population.tables().items():
        print(f"  {name:<11} {table.num_rows:>10,} rows")
    print(f"  generate    {generate:6.2f} s")
    print(f"  write       {write:6.2f} s  ({size / 1e6:.1f} MB of Parquet)")
    print(f"  total       {generate + write:6.2f} s  (target < 60 s, aim < 15 s)")
    print(
        f"Baseline: numpy draws {persons:,} x {columns} random ints in {draw:.2f} s; "
        f"pyarrow writes them in {baseline_write:.2f} s"
    )
    print(f"  generate / draw baseline  {generate / draw:6.1f}x")
    print(f"  write / write baseline    {write / baseline_write:6.1f}x")
    assert generate + write < 60, "over the 60 s budget"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
