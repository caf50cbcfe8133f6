# SPDX-License-Identifier: EUPL-1.2
"""The node store in the database: the `NodeReader` proofs read, and bulk writes.

Reads go through one `SELECT … WHERE (level, "index") IN (…)` on the primary key, so an
inclusion proof at 10,000,000 entries is one query of about 48 keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import connection

from lifegate.ledger.errors import LedgerError, Refusal
from lifegate.ledger.merkle import NodeId, NodeRun

_CHUNK = 400  # (level, index) pairs per query: below SQLite's 999-parameter limit


class DatabaseNodeStore:
    """`NodeReader` over the `ledger_node` table."""

    def get_hashes(self, nodes: Sequence[NodeId]) -> list[bytes]:
        found: dict[NodeId, bytes] = {}
        wanted = list(dict.fromkeys(nodes))
        with connection.cursor() as cursor:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                pairs = ", ".join(["(%s, %s)"] * len(chunk))
                cursor.execute(
                    f'SELECT level, "index", hash FROM ledger_node WHERE (level, "index") IN '  # noqa: S608 - only placeholders are interpolated
                    f"({pairs})",
                    [value for node in chunk for value in node],
                )
                found.update({(level, index): bytes(value) for level, index, value in cursor})
        missing = [node for node in nodes if node not in found]
        if missing:
            level, index = missing[0]
            raise LedgerError(Refusal.MISSING_NODE, f"no node at level {level}, {index}")
        return [found[node] for node in nodes]


def insert_runs(runs: Iterable[NodeRun]) -> None:
    """Insert the nodes of `runs` with multi-row INSERTs (no ORM objects: appends are hot)."""
    rows = [(level, index, value) for run in runs for (level, index), value in run.nodes()]
    _insert_many("ledger_node", _NODE_COLUMNS, rows)


def insert_entries(first_index: int, entries: Sequence[bytes], appended_at: dt.datetime) -> None:
    _insert_many("ledger_entry", _ENTRY_COLUMNS, _entry_rows(first_index, entries, appended_at))


def insert_appended(
    first_index: int, entries: Sequence[bytes], runs: Sequence[NodeRun], appended_at: dt.datetime
) -> None:
    """Insert entries and their nodes; a small append on PostgreSQL is one statement."""
    entry_rows = _entry_rows(first_index, entries, appended_at)
    node_rows = [(level, index, value) for run in runs for (level, index), value in run.nodes()]
    if connection.vendor != "postgresql" or 3 * (len(entry_rows) + len(node_rows)) > _PARAMS:
        _insert_many("ledger_entry", _ENTRY_COLUMNS, entry_rows)
        _insert_many("ledger_node", _NODE_COLUMNS, node_rows)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH appended AS (INSERT INTO ledger_entry {_ENTRY_COLUMNS} VALUES "  # noqa: S608 - placeholders only
            f"{_placeholders(entry_rows)}) "
            f"INSERT INTO ledger_node {_NODE_COLUMNS} VALUES {_placeholders(node_rows)}",
            [value for row in (*entry_rows, *node_rows) for value in row],
        )


def insert_appended_after(
    first_index: int,
    last_leaf: bytes,
    entries: Sequence[bytes],
    runs: Sequence[NodeRun],
    appended_at: dt.datetime,
) -> bool:
    """PostgreSQL, one statement: insert entries and nodes only if the log has `first_index`
    entries ending with leaf hash `last_leaf` (b"" when empty). False when it does not."""
    entry_rows = _entry_rows(first_index, entries, appended_at)
    node_rows = [(level, index, value) for run in runs for (level, index), value in run.nodes()]
    with connection.cursor() as cursor:
        cursor.execute(
            _CONDITIONAL_APPEND.format(
                entries=_placeholders(entry_rows, "(%s::bigint, %s::bytea, %s::timestamptz)"),
                nodes=_placeholders(node_rows, "(%s::smallint, %s::bigint, %s::bytea)"),
            ),
            [
                first_index,
                first_index - 1,
                last_leaf,
                *(value for row in entry_rows for value in row),
                *(value for row in node_rows for value in row),
                len(entry_rows),
            ],
        )
        return bool(cursor.rowcount)


# The check reads a snapshot taken after the caller took the writers' lock.
_CONDITIONAL_APPEND = """
WITH ready AS (
  SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM ledger_entry WHERE "index" = %s)
  AND COALESCE((SELECT hash FROM ledger_node WHERE level = 0 AND "index" = %s), ''::bytea)
      = %s::bytea
), appended AS (
  INSERT INTO ledger_entry ("index", data, appended_at)
  SELECT v.i, v.d, v.t FROM (VALUES {entries}) AS v (i, d, t) CROSS JOIN ready
  RETURNING 1
)
INSERT INTO ledger_node (level, "index", hash)
SELECT v.l, v.i, v.h FROM (VALUES {nodes}) AS v (l, i, h)
WHERE (SELECT count(*) FROM appended) = %s
"""


_ENTRY_COLUMNS = '("index", data, appended_at)'
_NODE_COLUMNS = '(level, "index", hash)'
_PARAMS = 900  # parameters per statement: below SQLite's limit of 999
Row = tuple[int | bytes | str | dt.datetime | None, ...]


def _entry_rows(first_index: int, entries: Sequence[bytes], appended_at: dt.datetime) -> list[Row]:
    stamp = connection.ops.adapt_datetimefield_value(appended_at)
    return [(first_index + offset, data, stamp) for offset, data in enumerate(entries)]


def _placeholders(rows: Sequence[Row], row: str = "") -> str:
    return ", ".join([row or "(" + ", ".join(["%s"] * len(rows[0])) + ")"] * len(rows))


def _insert_many(table: str, columns: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    per_query = max(1, _PARAMS // len(rows[0]))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_query):
            chunk = rows[start : start + per_query]
            cursor.execute(
                f"INSERT INTO {table} {columns} VALUES {_placeholders(chunk)}",  # noqa: S608 - constant names
                [value for row in chunk for value in row],
            )
