# SPDX-License-Identifier: EUPL-1.2
"""Database triggers that refuse UPDATE and DELETE on append-only tables (SQLite, PostgreSQL).

Used by the ledger and the exchange's processing log. TRUNCATE is left to database
privileges: a statement-level TRUNCATE trigger would also stop test databases from being
flushed. Whoever can drop a trigger can lift such a guard, which is why the ledger is a
Merkle tree with signed checkpoints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

_OPERATIONS = ("UPDATE", "DELETE")


@dataclass(frozen=True)
class AppendOnlyGuard:
    """The triggers of one block: `prefix` names its PostgreSQL function."""

    prefix: str
    tables: tuple[str, ...]
    message: str

    def statements(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            function = f"{self.prefix}_refuse_change"
            return [self._pg_function(function)] + [
                f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "
                f"{table} FOR EACH ROW EXECUTE FUNCTION {function}()"
                for table in self.tables
            ]
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()} BEFORE {operation} "
            f"ON {table} BEGIN SELECT RAISE(ABORT, '{self.message}: {operation} on {table} "
            "refused'); END"
            for table in self.tables
            for operation in _OPERATIONS
        ]

    def _pg_function(self, function: str) -> str:
        return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{self.message}: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql
"""

    def install(self, connection: BaseDatabaseWrapper) -> None:
        """Create the triggers (idempotent)."""
        with connection.cursor() as cursor:
            for statement in self.statements(connection.vendor):
                cursor.execute(statement)

    def drop_statements(self, vendor: str) -> list[str]:
        """What lifts the guard: the migrations' reverse, tamper tests and test flushes."""
        if vendor == "postgresql":
            return [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in self.tables]
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_{operation.lower()}"
            for table in self.tables
            for operation in _OPERATIONS
        ]

    def ensure_after_migrate(self, using: str = "default", **_kwargs: Any) -> None:
        """post_migrate receiver: a flushed or re-created table gets its triggers back."""
        self.install(connections[using])
