# SPDX-License-Identifier: EUPL-1.2
"""The journey page under constant-arrival-rate load on PostgreSQL (issue 8).

Targets: at 50 journey pages per second, p95 < 150 ms and no errors; and the highest rate
whose p95 stays under 500 ms. Baseline from the same run, with the ratio: a static page
(the accessibility statement: middleware, template, no database work beyond the session).

The journey is Sanne's "birth of a child" journey after Noor's birth was reported: its
offers were computed once from registry reads through the exchange when the journey opened,
so a page view reads the journey, its offers and cases and renders every step.

Run: `uv run python bench/cases_journey_load.py` (starts its own PostgreSQL with
scripts/postgres), or set DATABASE_URL to use an existing empty database.

The load is open-loop: requests start at a constant arrival rate whatever the answers do,
and each latency counts from the moment the request was due, so a slow server cannot hide
its queue (no coordinated omission).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, lifegate_env, run_lifegate  # noqa: E402
from tests.messagebox.chaos import Killable, wait_until_up  # noqa: E402


@dataclass(frozen=True)
class Run:
    rate: float
    sent: int
    errors: int
    p50: float  # ms
    p95: float  # ms
    late: float  # ms: how far behind schedule the generator itself started the last request


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values) or [float("inf")]
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def _one(client: httpx.AsyncClient, path: str, due: float, out: list[float]) -> bool:
    try:
        response = await client.get(path)
        ok = response.status_code == 200
    except httpx.HTTPError:
        ok = False
    out.append((time.perf_counter() - due) * 1000)
    return ok


async def _run(base: str, path: str, cookie: str, rate: float, seconds: float) -> Run:
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    headers = {"Cookie": cookie} if cookie else {}
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=30
    ) as client:
        latencies: list[float] = []
        tasks = []
        start = time.perf_counter()
        count = int(rate * seconds)
        late = 0.0
        for index in range(count):
            due = start + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            late = max(late, (time.perf_counter() - due) * 1000)
            tasks.append(asyncio.create_task(_one(client, path, due, latencies)))
        results = await asyncio.gather(*tasks)
    return Run(
        rate, count, results.count(False), _percentile(latencies, 0.5),
        _percentile(latencies, 0.95), late,
    )  # fmt: skip


def constant_rate(base: str, path: str, cookie: str, rate: float, seconds: float) -> Run:
    """GET `path` at `rate` requests per second for `seconds`."""
    return asyncio.run(_run(base, path, cookie, rate, seconds))


def highest_rate(
    base: str, path: str, cookie: str, *, limit_ms: float, seconds: float, start: float = 50
) -> tuple[float, list[Run]]:
    """The highest rate of a doubling-then-halving search whose p95 stays under `limit_ms`
    with no errors."""
    runs: list[Run] = []
    good, bad = 0.0, 0.0
    rate = start
    while bad == 0.0 or bad - good > max(10.0, good * 0.1):
        run = constant_rate(base, path, cookie, rate, seconds)
        runs.append(run)
        if run.errors == 0 and run.p95 < limit_ms:
            good = rate
        else:
            bad = rate
        if rate >= 2000 and bad == 0.0:
            break
        rate = rate * 2 if bad == 0.0 else (good + bad) / 2
    return good, runs


_SETUP = (
    "import time\nfrom dataclasses import asdict\nfrom django.test import Client\n"
    "from django.utils import timezone\nfrom lifegate.cases import services as cases\n"
    "from lifegate.identity import session\nfrom tests.cases.population import bsn_of, load\n"
    "people = load(timezone.localdate())\n"
    "event = cases.RegistryEvent('person.born', bsn_of(people['noor']), timezone.localdate(),"
    " (bsn_of(people['sanne']), bsn_of(people['daan'])))\n"
    "journey = [j for j in cases.record_registry_event(event)\n"
    "           if j.person_id == people['sanne']][0]\n"
    "c = Client()\ns = c.session\n"
    "s[session.CITIZEN] = asdict(session.Citizen('nl', people['sanne'], True, 'Sanne', "
    "'de Vries', '1995-01-01', 'substantial'))\n"
    "s[session.SIGNED_IN_AT] = s[session.LAST_SEEN] = int(time.time()) + 3600\ns.save()\n"
    "print(s.session_key, journey.id)\n"
)


def _setup(env: dict[str, str]) -> tuple[str, str]:
    assert run_lifegate(["migrate", "--no-input"], env, timeout=600).returncode == 0
    result = run_lifegate(["shell", "-c", _SETUP], {**env, "LIFEGATE_LOG_LEVEL": "ERROR"})
    assert result.returncode == 0, result.stderr
    session_key, journey_id = result.stdout.strip().splitlines()[-1].split()
    return session_key, journey_id


def _database(folder: Path) -> tuple[str, bool]:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], False
    url = subprocess.run(  # noqa: S603 - our own script
        [str(REPO / "scripts/postgres"), "start", str(folder / "pg"), str(free_port())],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return url, True


def _measure(folder: Path, url: str, args: argparse.Namespace) -> list[tuple[str, Run, float]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = lifegate_env(
        folder / "home", DATABASE_URL=url, LIFEGATE_PUBLIC_URL=base, LIFEGATE_LOG_LEVEL="WARNING"
    )
    session_key, journey_id = _setup(env)
    cookie = f"lifegate-session={session_key}"
    journey, static = f"/nl/levensgebeurtenissen/{journey_id}", "/nl/toegankelijkheid"
    server = Killable(["serve", "--port", str(port), "--workers", str(args.workers)], env,
                      folder / "serve.log")  # fmt: skip
    server.start()
    try:
        wait_until_up(base)
        constant_rate(base, journey, cookie, 20, 2)  # warm up every worker
        at_50 = constant_rate(base, journey, cookie, 50, args.seconds)
        static_50 = constant_rate(base, static, "", 50, args.seconds)
        best, _ = highest_rate(base, journey, cookie, limit_ms=500, seconds=args.seconds)
        static_best, _ = highest_rate(base, static, "", limit_ms=500, seconds=args.seconds)
    finally:
        server.stop()
    return [("journey page at 50/s", at_50, best), ("static page at 50/s", static_50, static_best)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10, help="length of each rate step")
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o755)  # scripts/postgres runs the server as the postgres user
        url, started = _database(folder)
        try:
            rows = _measure(folder, url, args)
        finally:
            if started:
                stop = [str(REPO / "scripts/postgres"), "stop", str(folder / "pg")]
                subprocess.run(stop, check=False)  # noqa: S603 - our own script
    (label, journey, best), (_, static, static_best) = rows
    load = os.getloadavg()[0]
    print(
        f"PostgreSQL, {os.cpu_count()} CPUs (load {load:.1f}), lifegate serve (granian) "
        f"with {args.workers} workers, {args.seconds:.0f} s per step"
    )
    ratio = journey.p95 / static.p95 if static.p95 else float("inf")
    print(
        f"{label:<28} p50 {journey.p50:6.1f} ms  p95 {journey.p95:6.1f} ms  errors "
        f"{journey.errors}  (target p95 < 150 ms, 0 errors)  {ratio:.1f}x static"
    )
    print(
        f"{'static page at 50/s':<28} p50 {static.p50:6.1f} ms  p95 {static.p95:6.1f} ms  "
        f"errors {static.errors}"
    )
    share = f"{best / static_best:.0%} of static" if static_best else "static page failed"
    print(f"highest rate, p95 < 500 ms: journey {best:.0f}/s, static {static_best:.0f}/s ({share})")


if __name__ == "__main__":
    main()
