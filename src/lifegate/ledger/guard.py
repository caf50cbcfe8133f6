# SPDX-License-Identifier: EUPL-1.2
"""The database refuses UPDATE and DELETE on the ledger tables: triggers on both engines.

TRUNCATE is left to database privileges (revoke it from the application's role in
production): a statement-level TRUNCATE trigger would also stop test databases from being
flushed. Whoever can drop a trigger can also drop this guard; that is why the ledger is a
Merkle tree with signed checkpoints, and `lifegate ledger verify` names what changed.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLES = ("ledger_entry", "ledger_node", "ledger_signedcheckpoint")
MESSAGE = "ledger rows are append-only"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql
"""


def _statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [_PG_FUNCTION] + [
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()"
            for table in TABLES
        ]
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()} BEFORE {operation} "
        f"ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {operation} on {table} refused'); END"
        for table in TABLES
        for operation in ("UPDATE", "DELETE")
    ]


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers (idempotent)."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)


def drop_statements(vendor: str) -> list[str]:
    """What lifts the guard: used by the migration's reverse and by tamper tests."""
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in TABLES]
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_{operation}"
        for table in TABLES
        for operation in ("update", "delete")
    ]


def ensure_after_migrate(using: str = "default", **_kwargs: Any) -> None:
    install(connections[using])
