# SPDX-License-Identifier: EUPL-1.2
"""The population as Parquet: one file per table in a folder (`persons.parquet`, ...).

This is the only module of the package that does IO.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from lifegate.demo.population.tables import SCHEMAS, TABLE_NAMES, Population

Progress = Callable[[str], None]
_ROW_GROUP = 256 * 1024  # rows: big enough to compress well, small enough to stream


def write_parquet(
    population: Population, folder: Path | str, *, on_progress: Progress | None = None
) -> dict[str, Path]:
    """Write every table to `folder/<table>.parquet` (the folder is created); return the paths.

    Files are zstd-compressed; `on_progress` is told about each table as it is written.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, table in population.tables().items():
        path = target / f"{name}.parquet"
        pq.write_table(table, path, compression="zstd", row_group_size=_ROW_GROUP)
        paths[name] = path
        if on_progress is not None:
            on_progress(f"{name}: {table.num_rows:,} rows -> {path.name}")
    return paths


def read_parquet(folder: Path | str) -> Population:
    """The population written by `write_parquet` to `folder`."""
    source = Path(folder)
    missing = [name for name in TABLE_NAMES if not (source / f"{name}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(f"{source} has no {', '.join(missing)} Parquet file(s)")
    tables = {
        name: pq.read_table(source / f"{name}.parquet", schema=SCHEMAS[name])
        for name in TABLE_NAMES
    }
    return Population(**tables)
