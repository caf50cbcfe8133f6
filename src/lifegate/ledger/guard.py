# SPDX-License-Identifier: EUPL-1.2
"""The database refuses UPDATE and DELETE on the ledger tables: triggers on both engines.

Revoke TRUNCATE from the application's role in production. Whoever can drop a trigger can
also drop this guard; that is why the ledger is a Merkle tree with signed checkpoints, and
`lifegate ledger verify` names what changed.
"""

from __future__ import annotations

from lifegate.core.appendonly import AppendOnlyGuard

GUARD = AppendOnlyGuard(
    "ledger",
    ("ledger_entry", "ledger_node", "ledger_signedcheckpoint"),
    "ledger rows are append-only",
)
TABLES, MESSAGE = GUARD.tables, GUARD.message
install = GUARD.install
drop_statements = GUARD.drop_statements
ensure_after_migrate = GUARD.ensure_after_migrate
