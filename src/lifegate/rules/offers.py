# SPDX-License-Identifier: EUPL-1.2
"""Write a run's offers to the database: one run per date, replaced as a whole when rerun.

On PostgreSQL the offers go in with COPY (a million rows in seconds); elsewhere (SQLite) with
`executemany` in batches of 50,000, dates passed as the ISO text SQLite stores (converting
a million `date` objects one by one cost more than the inserts). Everything happens in one
transaction, so a date has either the old offers or the new ones, never a mix. Only the
offers are written (entitled, or need-more-info: the journeys ask those questions); a
person who is not entitled to a service has no row.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.db import connection, transaction

from lifegate.rules.models import EligibilityOffer, ProactiveRun

_COLUMNS = (
    "run_id",
    "as_of",
    "person_id",
    "service",
    "status",
    "amount",
    "period",
    "start_date",
    "household_key",
)
_BATCH = 50_000


@dataclass(frozen=True)
class RunFacts:
    as_of: dt.date
    engine: str
    source: str
    persons: int
    seconds: float


def _rows_table(run_id: uuid.UUID, as_of: dt.date, offers: pa.Table) -> pa.Table:
    n = offers.num_rows
    return pa.table(
        {
            "run_id": pa.array([run_id.hex] * n, pa.string()),
            "as_of": pa.array([as_of] * n, pa.date32()),
            "person_id": offers["person_id"],
            "service": offers["service"],
            "status": offers["status"],
            "amount": pc.round(offers["amount"], 2),
            "period": offers["period"],
            "start_date": offers["start_date"],
            "household_key": offers["household_key"],
        }
    )


def _copy(rows: pa.Table) -> None:
    buffer = io.BytesIO()
    pacsv.write_csv(rows, buffer, pacsv.WriteOptions(include_header=False))
    table = EligibilityOffer._meta.db_table
    sql = f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        view = buffer.getbuffer()
        for start in range(0, len(view), 1 << 20):
            copy.write(view[start : start + (1 << 20)])


def _as_text(rows: pa.Table, *names: str) -> pa.Table:
    for name in names:
        rows = rows.set_column(
            rows.column_names.index(name), name, pc.cast(rows[name], pa.string())
        )
    return rows


def _insert(rows: pa.Table) -> None:
    table = EligibilityOffer._meta.db_table
    marks = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({marks})"  # noqa: S608 - fixed names
    with connection.cursor() as cursor:
        for batch in _as_text(rows, "as_of", "start_date").to_batches(_BATCH):
            columns = [batch.column(name).to_pylist() for name in _COLUMNS]
            cursor.executemany(sql, list(zip(*columns, strict=True)))


def replace_run(facts: RunFacts, offers: pa.Table) -> ProactiveRun:
    """Store `offers` as the run for `facts.as_of`, replacing an earlier run of that date."""
    run_id = uuid.uuid4()
    rows = _rows_table(run_id, facts.as_of, offers)
    with transaction.atomic():
        EligibilityOffer.objects.filter(as_of=facts.as_of).delete()
        ProactiveRun.objects.filter(as_of=facts.as_of).delete()
        run = ProactiveRun.objects.create(
            id=run_id,
            as_of=facts.as_of,
            engine=facts.engine,
            source=facts.source,
            persons=facts.persons,
            offers=offers.num_rows,
            seconds=facts.seconds,
        )
        if connection.vendor == "postgresql":
            _copy(rows)
        else:
            _insert(rows)
    return run
