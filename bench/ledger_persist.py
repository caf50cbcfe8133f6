# SPDX-License-Identifier: EUPL-1.2
"""Persisted ledger appends with checkpoints on (issue 6): >= 10,000 entries/s in batches,
and the single-append latency. Baseline from the same run: raw multi-row INSERTs of the
same rows (entries and nodes) with no hashing, locking or checkpoints.

Run: DATABASE_URL=$(scripts/postgres start /tmp/pg 55432) uv run python bench/ledger_persist.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import percentile, setup  # bench/ is not a package

BATCH, BATCHES, SINGLES = 1000, 50, 500
ENTRIES = [f"entry {i:08d} ".encode() * 6 for i in range(BATCH)]  # ~100 bytes like a record


def _batched() -> float:
    from django.db import transaction  # noqa: PLC0415 - after Django is set up

    from lifegate.ledger import services as ledger  # noqa: PLC0415

    start = time.perf_counter()
    for _ in range(BATCHES):
        with transaction.atomic():
            ledger.append(ENTRIES)
    return BATCH * BATCHES / (time.perf_counter() - start)


def _raw(vendor: str) -> float:
    from django.db import connection, transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from lifegate.ledger import dbstore  # noqa: PLC0415

    postgres = vendor == "postgresql"
    with connection.cursor() as cursor:
        blob, stamp = ("bytea", "timestamptz") if postgres else ("blob", "text")
        cursor.execute(f"CREATE TEMPORARY TABLE raw_entry (i bigint, d {blob}, t {stamp})")
        cursor.execute(f"CREATE TEMPORARY TABLE raw_node (l smallint, i bigint, h {blob})")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    start = time.perf_counter()
    for b in range(BATCHES):
        entries = [(b * BATCH + i, e, now) for i, e in enumerate(ENTRIES)]
        nodes = [(0, b * BATCH + i, b"x" * 32) for i in range(2 * BATCH - 1)]
        with transaction.atomic():
            dbstore._insert_many("raw_entry", "(i, d, t)", entries)
            dbstore._insert_many("raw_node", "(l, i, h)", nodes)
    return BATCH * BATCHES / (time.perf_counter() - start)


def _singles() -> list[float]:
    from lifegate.ledger import services as ledger  # noqa: PLC0415

    timings = []
    for i in range(SINGLES):
        began = time.perf_counter()
        ledger.append([f"single {i}".encode()])
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def main() -> None:
    os.environ["LIFEGATE_LEDGER_CHECKPOINT_ENTRIES"] = "1000"  # read by setup()
    vendor = setup()
    from lifegate.ledger import services as ledger  # noqa: PLC0415

    rate, raw, singles = _batched(), _raw(vendor), _singles()
    head = ledger.latest_head()
    print(f"database: {vendor}; latest checkpoint at {head.checkpoint.size if head else 0}")
    print(f"batched appends: {rate:,.0f} entries/s (target >= 10,000)")
    print(f"raw INSERT baseline, same rows: {raw:,.0f} entries/s; ledger/raw = {rate / raw:.2f}")
    p50, p95 = percentile(singles, 0.5), percentile(singles, 0.95)
    print(f"single append: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
