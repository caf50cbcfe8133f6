# SPDX-License-Identifier: EUPL-1.2
"""The append path: one writer at a time, the tree's frontier kept in memory.

Each database connection (one per thread) remembers the tree it last wrote: its frontier,
the hash of its last leaf and the latest checkpoint it knows. An append, under the writers'
lock, inserts only if the database still ends where that tree ends: the last leaf is the
remembered one and no entry follows it (on PostgreSQL that check is part of the INSERT
statement, so an append is the lock, one INSERT and the commit). Anything else (another process
appended, the caller's transaction rolled back, a test flushed the tables) reloads the
frontier from the node store. Leaves hold record ids, so two histories never share a leaf
hash, and a matching last leaf means a matching prefix (each earlier append checked its own
predecessor the same way).

The checkpoint cadence is checked against the remembered checkpoint; the table is read
only when that says one is due, so a stale memory can only make a checkpoint come early.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from lifegate.ledger import dbstore
from lifegate.ledger import models as tables
from lifegate.ledger.merkle import HASH_SIZE, MerkleTree, NodeRun, range_nodes

_LOCK_KEY = 0x1EDE  # PostgreSQL advisory lock id of the ledger's append path


@dataclass
class Head:
    """What a connection remembers of the log it appends to."""

    tree: MerkleTree
    last_leaf: bytes  # b"" for an empty tree
    checkpoint_size: int  # 0: none known
    checkpoint_at: dt.datetime | None


_memory = threading.local()


def lock() -> None:
    """Serialise writers (PostgreSQL; SQLite's IMMEDIATE transactions do this already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def size() -> int:
    with connection.cursor() as cursor:
        cursor.execute('SELECT COALESCE(MAX("index") + 1, 0) FROM ledger_entry')
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def load_tree() -> tuple[MerkleTree, bytes]:
    """The tree as persisted, and its last leaf hash (two queries)."""
    count = size()
    wanted = range_nodes(0, count)
    hashes = dbstore.DatabaseNodeStore().get_hashes([*wanted, (0, count - 1)] if count else [])
    tree = MerkleTree.resume(count, hashes[: len(wanted)])
    return tree, hashes[-1] if count else b""


def latest_checkpoint() -> tables.SignedCheckpoint | None:
    return tables.SignedCheckpoint.objects.order_by("-size").first()


def _key() -> str:
    return f"{connection.alias}:{connection.settings_dict['NAME']}"


def _heads() -> dict[str, Head]:
    heads: dict[str, Head] | None = getattr(_memory, "heads", None)
    if heads is None:
        heads = _memory.heads = {}
    return heads


def _still_current(size: int, last_leaf: bytes) -> bool:
    """One query: the log of `size` entries ends with `last_leaf`, and nothing follows it."""
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT (SELECT hash FROM ledger_node WHERE level = 0 AND "index" = %s), '
            'EXISTS (SELECT 1 FROM ledger_entry WHERE "index" = %s)',
            [size - 1, size],
        )
        row = cursor.fetchone()
    if row is None or row[1]:
        return False
    return bytes(row[0] or b"") == last_leaf


def _reload() -> Head:
    tree, last_leaf = load_tree()
    latest = latest_checkpoint()
    head = Head(tree, last_leaf, latest.size if latest else 0, latest.signed_at if latest else None)
    _heads()[_key()] = head
    return head


def forget() -> None:
    """Drop what this connection remembers (the next append reloads)."""
    _heads().pop(_key(), None)


def append(entries: Sequence[bytes], now: dt.datetime) -> Head:
    """Insert `entries` after the log's end (call with the lock held); returns the new head.

    With a remembered head the check and the INSERT are one statement on PostgreSQL (two
    on SQLite); a failed check reloads the frontier and inserts again.
    """
    head = _heads().get(_key())
    if head is not None:
        last_leaf, first = head.last_leaf, head.tree.size
        runs = head.tree.extend(entries)
        if _insert_if_current(first, last_leaf, entries, runs, now):
            head.last_leaf = runs[0].hashes[-HASH_SIZE:]
            return head
    head = _reload()
    first = head.tree.size
    runs = head.tree.extend(entries)
    dbstore.insert_appended(first, entries, runs, now)
    head.last_leaf = runs[0].hashes[-HASH_SIZE:]
    return head


def _insert_if_current(
    first: int, last_leaf: bytes, entries: Sequence[bytes], runs: list[NodeRun], now: dt.datetime
) -> bool:
    if connection.vendor == "postgresql":
        return dbstore.insert_appended_after(first, last_leaf, entries, runs, now)
    if not _still_current(first, last_leaf):
        return False
    dbstore.insert_appended(first, entries, runs, now)
    return True


def checkpoint_due(head: Head, now: dt.datetime) -> bool:
    """Whether this append should sign a checkpoint; reads the table only when it might."""
    if not _cadence_reached(head, now):
        return False
    latest = latest_checkpoint()  # another process may have signed one meanwhile
    head.checkpoint_size = latest.size if latest else 0
    head.checkpoint_at = latest.signed_at if latest else None
    return _cadence_reached(head, now)


def _cadence_reached(head: Head, now: dt.datetime) -> bool:
    size = head.tree.size
    if head.checkpoint_at is None:
        return size > 0
    if size <= head.checkpoint_size:
        return False
    elapsed = (now - head.checkpoint_at).total_seconds()
    entries = size - head.checkpoint_size
    return (
        entries >= settings.LEDGER_CHECKPOINT_ENTRIES
        or elapsed >= settings.LEDGER_CHECKPOINT_SECONDS
    )
