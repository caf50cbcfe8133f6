# SPDX-License-Identifier: EUPL-1.2
"""Many rows in one go: `COPY` on PostgreSQL, or a change and its events in one statement.

Django's `bulk_create` builds a model instance per row, prepares every field of every row, and
psycopg then splits one statement with tens of thousands of placeholders; for a bulk send of
1,000 messages that was most of the request. Here a row is a plain dict of field values
(attribute names); fields left out take their model default. Other databases (SQLite) use
`bulk_create` in a transaction, which is fast enough for one process.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

Rows = Sequence[Mapping[str, Any]]
_FEW = 10  # up to this many rows, an INSERT costs fewer round trips than COPY


def _fields(model: type[models.Model], rows: Rows) -> list[models.Field[Any, Any]]:
    """The columns to write: all, except an auto-numbered key the rows leave to the database."""
    return [
        f
        for f in model._meta.concrete_fields
        if not (isinstance(f, models.AutoField) and f.attname not in rows[0])
    ]


def _values(fields: Sequence[models.Field[Any, Any]], rows: Rows) -> Iterator[list[Any]]:
    """Each row's values in column order; JSON encoded, defaults filled in."""
    missing = [f for f in fields if f.attname not in rows[0]]
    per_row = [f for f in missing if f.has_default() and callable(f.default)]  # e.g. uuid4
    static = {f.attname: f.get_default() for f in missing if f not in per_row}
    now = timezone.now()  # what auto_now and auto_now_add would set
    static |= {f.attname: now for f in missing if getattr(f, "auto_now_add", False)}
    static |= {f.attname: now for f in missing if getattr(f, "auto_now", False)}
    json_names = {f.attname for f in fields if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    for row in rows:
        values = {**static, **{f.attname: f.get_default() for f in per_row}, **row}
        yield [json.dumps(values[n]) if n in json_names else values[n] for n in names]


@dataclass(frozen=True)
class _Insert:
    """`INSERT INTO table (columns) VALUES (%s, …), …` with its parameters."""

    sql: str
    parameters: list[Any]

    @classmethod
    def of(cls, model: type[models.Model], rows: Rows) -> _Insert:
        fields, quote = _fields(model, rows), connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        one = f"({', '.join(['%s'] * len(fields))})"
        placeholders = ", ".join([one] * len(rows))
        table = quote(model._meta.db_table)
        # Table and column names come from the model; the values are parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES {placeholders}"  # noqa: S608
        return cls(sql, [v for values in _values(fields, rows) for v in values])


def _copy(model: type[models.Model], rows: Rows) -> None:
    fields, quote = _fields(model, rows), connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors:  # noqa: SIM117
        with cursor.cursor.copy(statement) as copy:
            for values in _values(fields, rows):
                copy.write_row(values)


def insert_rows(model: type[models.Model], rows: Rows) -> None:
    """Insert `rows` (each naming the same fields) into `model`'s table, in the caller's
    transaction; a duplicate key raises Django's `IntegrityError`."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows])
    elif len(rows) <= _FEW:
        insert = _Insert.of(model, rows)
        with connection.cursor() as cursor:
            cursor.execute(insert.sql, insert.parameters)
    else:
        _copy(model, rows)


def insert_together(
    first: tuple[type[models.Model], Rows], then: tuple[type[models.Model], Rows]
) -> None:
    """Both inserts or neither. A few rows on PostgreSQL: one statement (a data-modifying
    `WITH`), which is atomic by itself, so it needs no BEGIN and COMMIT round trips."""
    if connection.vendor == "postgresql" and 0 < len(first[1]) <= _FEW and 0 < len(then[1]) <= _FEW:
        a, b = _Insert.of(*first), _Insert.of(*then)
        # Inside a caller's transaction, a savepoint keeps it usable after a duplicate key.
        savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with savepoint, connection.cursor() as cursor:
            cursor.execute(f"WITH written AS ({a.sql}) {b.sql}", a.parameters + b.parameters)
        return
    with transaction.atomic():
        insert_rows(*first)
        insert_rows(*then)
