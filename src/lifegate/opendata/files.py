# SPDX-License-Identifier: EUPL-1.2
"""Writing a release's files: CSV + Table Schema + Parquet, each with its size and digest.

Files go to a staging folder first; `commit_folder` moves the whole folder into place
with one rename, so a reader never sees half a release. No Django.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from lifegate.opendata.datasets import TableSpec, table_schema

CSV = "text/csv"
SCHEMA = "application/schema+json"
PARQUET = "application/vnd.apache.parquet"


@dataclass(frozen=True)
class WrittenFile:
    table: str
    name: str
    media_type: str
    byte_size: int
    sha256: str


def csv_bytes(spec: TableSpec, rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=spec.column_names, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in spec.column_names})
    return buffer.getvalue().encode()


def _arrow_type(kind: str) -> pa.DataType:
    return pa.int64() if kind == "integer" else pa.string()


def parquet_bytes(spec: TableSpec, rows: list[dict[str, Any]]) -> bytes:
    schema = pa.schema([(c.name, _arrow_type(c.type)) for c in spec.columns])
    arrays = {c.name: [row.get(c.name) for row in rows] for c in spec.columns}
    table = pa.table(arrays, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _write(folder: Path, table: str, name: str, media_type: str, body: bytes) -> WrittenFile:
    (folder / name).write_bytes(body)
    return WrittenFile(table, name, media_type, len(body), hashlib.sha256(body).hexdigest())


def stage(
    root: Path, spec_rows: list[tuple[TableSpec, list[dict[str, Any]]]]
) -> tuple[Path, list[WrittenFile]]:
    """Write every table's files into a new staging folder under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    folder.chmod(0o755)  # published files are public
    written: list[WrittenFile] = []
    for spec, rows in spec_rows:
        schema = json.dumps(table_schema(spec), indent=2, ensure_ascii=False).encode()
        written.append(_write(folder, spec.id, f"{spec.id}.csv", CSV, csv_bytes(spec, rows)))
        written.append(_write(folder, spec.id, f"{spec.id}.schema.json", SCHEMA, schema))
        body = parquet_bytes(spec, rows)
        written.append(_write(folder, spec.id, f"{spec.id}.parquet", PARQUET, body))
    return folder, written


def commit_folder(staging: Path, final: Path) -> None:
    """Move the staged folder to its final place in one rename (refuses to overwrite)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        raise FileExistsError(f"{final} already exists; published files are never replaced")
    staging.replace(final)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
