# SPDX-License-Identifier: EUPL-1.2
"""Lifting the ledger's append-only guard, for tamper tests and test-database flushes.

On SQLite a flush deletes rows, which the guard refuses once the ledger has entries: every
test-database flush lifts the guards first (`tests/conftest.py`), and the flush puts them
back through `post_migrate`.
"""

from __future__ import annotations

from django.db import connection

from lifegate.exchange import guard as exchange_guard
from lifegate.ledger import guard


def lift_guard() -> None:
    """Lift the ledger's guard and the processing log's (each record is a ledger entry)."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for statement in guard.drop_statements(vendor) + exchange_guard.drop_statements(vendor):
            cursor.execute(statement)


def restore_guard() -> None:
    guard.install(connection)
    exchange_guard.install(connection)
