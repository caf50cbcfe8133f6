# SPDX-License-Identifier: EUPL-1.2
"""The exchange's policy + log overhead on a registry read (issue 6): < 2 ms p95.

Baseline from the same run: the bare registry read (the in-process demo registry with a
valid grant, no policy, no log). The exchange read does that same registry read plus the
policy, the grant, the log record and its ledger entry, committed. Overhead = exchange read
minus bare read, per percentile; both are measured alternately after a warm-up.

Run: DATABASE_URL=$(scripts/postgres start /tmp/pg 55432) uv run python bench/exchange_overhead.py
(without DATABASE_URL: SQLite in a temporary LIFEGATE_HOME).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import percentile, setup  # bench/ is not a package

ROUNDS, WARM_UP = 3000, 200
FIELDS = ("yearlyIncome", "assets")


def _timed(call: Callable[[], object]) -> float:
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def _reads() -> tuple[Callable[[], object], Callable[[], object]]:
    from lifegate.demo import services as demo  # noqa: PLC0415 - after Django is set up
    from lifegate.exchange import services as exchange  # noqa: PLC0415
    from lifegate.registries import grants  # noqa: PLC0415
    from lifegate.registries.transport import InProcessTransport, RegistryCall  # noqa: PLC0415

    demo.seed_demo(persons=2000, seed=2025, today=dt.date.today())  # noqa: DTZ011 - local day
    bsn = next(p.person.bsn for p in demo.personas() if p.person.bsn)
    expires = time.time() + 3600
    tag = grants.subject_tag(bsn)
    grant = grants.encode(grants.Grant("incomes", FIELDS, (tag,), "bench", "bench", expires))
    bare_call = RegistryCall("incomes", (bsn,), FIELDS, grant)
    transport = InProcessTransport()
    requester = exchange.Requester("belastingdienst-toeslagen")
    subject = exchange.Subject.bsn(bsn)
    fields = [f"incomes.{f}" for f in FIELDS]
    purpose = "toeslagen-healthcare-allowance"
    return (
        lambda: transport.send(bare_call),
        lambda: exchange.read_person_data(requester, purpose, subject, fields),
    )


def main() -> None:
    vendor = setup()
    bare_read, exchange_read = _reads()
    for _ in range(WARM_UP):
        bare_read()
        exchange_read()
    bare, full = [], []
    for _ in range(ROUNDS):
        bare.append(_timed(bare_read))
        full.append(_timed(exchange_read))
    print(f"database: {vendor}; {ROUNDS} reads each after {WARM_UP} to warm up")
    for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        b, f = percentile(bare, share), percentile(full, share)
        print(
            f"{name}: bare registry read {b:.3f} ms (baseline), through the exchange "
            f"{f:.3f} ms (x{f / b:.1f}), overhead {f - b:.3f} ms"
        )
    print("target: overhead p95 < 2 ms")


if __name__ == "__main__":
    main()
