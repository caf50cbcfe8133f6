# SPDX-License-Identifier: EUPL-1.2
"""The database refuses UPDATE and DELETE on the processing log (triggers on both engines).

A record that was changed no longer matches its ledger entry, and the citizen's page says
so; a record that was deleted would simply be missing from that page, which is why the log
refuses deletion too. The mechanism is the ledger's (`lifegate.core.appendonly`).
"""

from __future__ import annotations

from lifegate.core.appendonly import AppendOnlyGuard

TABLE = "exchange_processingrecord"
GUARD = AppendOnlyGuard("exchange", (TABLE,), "processing records are append-only")
MESSAGE = GUARD.message
install = GUARD.install
drop_statements = GUARD.drop_statements
ensure_after_migrate = GUARD.ensure_after_migrate
