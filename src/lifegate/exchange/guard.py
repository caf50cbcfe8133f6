# SPDX-License-Identifier: EUPL-1.2
"""The database refuses UPDATE and DELETE on the processing log (triggers on both engines).

A record that was changed no longer matches its ledger entry, and the citizen's page says
so; a record that was deleted would simply be missing from that page, which is why the log
refuses deletion too. As with the ledger (`lifegate.ledger.guard`), whoever can drop a
trigger can lift this guard; TRUNCATE is left to database privileges.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "exchange_processingrecord"
MESSAGE = "processing records are append-only"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION exchange_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql
"""


def _statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            _PG_FUNCTION,
            f"CREATE OR REPLACE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION exchange_refuse_change()",
        ]
    return [
        f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{operation.lower()} BEFORE {operation} "
        f"ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {operation} refused'); END"
        for operation in ("UPDATE", "DELETE")
    ]


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers (idempotent)."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)


def drop_statements(vendor: str) -> list[str]:
    """What lifts the guard: the migration's reverse, and tamper tests."""
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}"]
    return [f"DROP TRIGGER IF EXISTS {TABLE}_no_{operation}" for operation in ("update", "delete")]


def ensure_after_migrate(using: str = "default", **_kwargs: Any) -> None:
    install(connections[using])
