# SPDX-License-Identifier: EUPL-1.2
"""Lifting the ledger's append-only guard, for tamper tests and test-database flushes.

On SQLite a flush deletes rows, which the guard refuses once the ledger has entries; a
transactional test that writes ledger entries uses `ledger_flushable` so the flush after
it can run (the next migrate/flush puts the guard back through `post_migrate`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
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


@pytest.fixture
def ledger_flushable(transactional_db: None) -> Iterator[None]:
    yield
    lift_guard()  # torn down before transactional_db flushes
