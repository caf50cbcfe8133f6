# SPDX-License-Identifier: EUPL-1.2
"""Message box throughput on PostgreSQL with encryption on (issue 7).

Targets: >= 500 messages/s accepted one by one, >= 5,000/s through the bulk send, and the
inbox page p95 < 100 ms for a citizen with 5,000 messages. Baselines from the same run: the
rate of bare health requests (what HTTP + Django cost with no work), and raw INSERTs of
rows of the same size (what the database costs with no encryption or checks).

Run: `uv run python bench/messagebox_throughput.py` (starts its own PostgreSQL with
scripts/postgres), or set DATABASE_URL to use an existing empty database.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from joserfc.jwk import RSAKey

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import free_port, lifegate_env, run_lifegate  # noqa: E402
from tests.messagebox import bodies as factories  # noqa: E402
from tests.messagebox.bodies import client_assertion  # noqa: E402
from tests.messagebox.chaos import Killable, wait_until_up  # noqa: E402

INBOX_OWNER_BSN = factories.valid_bsn(77)


def _setup(env: dict[str, str], key: RSAKey, persons: int) -> list[str]:
    assert run_lifegate(["migrate", "--no-input"], env, timeout=600).returncode == 0
    bsns = [factories.valid_bsn(2000 + i) for i in range(persons)] + [INBOX_OWNER_BSN]
    jwks = json.dumps({"keys": [key.as_dict()]})
    code = (
        "import json, datetime as dt\nfrom lifegate.demo import models as d\n"
        "from lifegate.identity import services as s\n"
        f"bsns = {bsns!r}\n"
        "d.Person.objects.bulk_create([d.Person(person_id=i + 1, bsn=b, given_names='P', "
        "family_name='Q', sex='F', birth_date=dt.date(1990, 1, 1), nationality='NL', "
        "yearly_income=1, assets=1, health_insured=True, registered_in_brp=True, student=False) "
        "for i, b in enumerate(bsns)])\n"
        f"s.register_agency_client('svb-bench', 'svb', json.loads({jwks!r}))\n"
    )
    result = run_lifegate(["shell", "-c", code], env)
    assert result.returncode == 0, result.stderr
    return bsns[:-1]


def _token(base: str, key: RSAKey) -> str:
    response = httpx.post(
        f"{base}/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": client_assertion("svb-bench", key, f"{base}/oauth2/token"),
        },
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


def _rate(
    requests: list[tuple[str, str, Any, dict[str, str]]], threads: int, per: int = 1
) -> float:
    """Items per second for `requests` sent by `threads` kept-alive clients."""
    clients = [httpx.Client(timeout=60) for _ in range(threads)]

    def send(index: int) -> None:
        method, url, body, headers = requests[index]
        response = clients[index % threads].request(method, url, json=body, headers=headers)
        assert response.status_code < 300, response.text

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(send, range(len(requests))))
    elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    return len(requests) * per / elapsed


def _single_rate(
    base: str, auth: dict[str, str], bsns: list[str], count: int, threads: int
) -> float:
    requests = [
        (
            "POST",
            f"{base}/api/v1/messagebox/messages",
            factories.message_body(bsns[i % len(bsns)]),
            {**auth, "Idempotency-Key": f"one-{i}"},
        )
        for i in range(count)
    ]
    return _rate(requests, threads)


def _bulk_rate(
    base: str, auth: dict[str, str], recipients: list[str], batches: int, tag: str
) -> float:
    requests = []
    for b in range(batches):
        items = [
            {
                **factories.message_body(recipients[i % len(recipients)]),
                "idempotencyKey": f"{tag}-{b}-{i}",
            }
            for i in range(1000)
        ]
        requests.append(
            (
                "POST",
                f"{base}/api/v1/messagebox/message-batches",
                {"messages": items},
                {**auth, "Idempotency-Key": f"{tag}-{b}"},
            )
        )
    return _rate(requests, 2, per=1000)


def _health_rate(base: str, count: int, threads: int) -> float:
    return _rate([("GET", f"{base}/api/v1/health", None, {})] * count, threads)


def _raw_insert_rate(database_url: str, rows: int) -> float:
    """Baseline: bare multi-row INSERTs of rows shaped like messages (no crypto, no checks)."""
    import psycopg  # noqa: PLC0415

    payload = os.urandom(600)
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE raw_bench (id uuid, party text, body bytea, created timestamptz)"
        )
        started = time.perf_counter()
        for start in range(0, rows, 1000):
            cursor.executemany(
                "INSERT INTO raw_bench VALUES (gen_random_uuid(), %s, %s, now())",
                [(f"person:{i}", payload) for i in range(start, min(rows, start + 1000))],
            )
            connection.commit()
        return rows / (time.perf_counter() - started)


def _inbox_p95(env: dict[str, str], samples: int) -> tuple[float, float]:
    """p95 ms of the inbox page (Django in-process: middleware, view, template) and of health."""
    code = (
        "import time, statistics\nfrom dataclasses import asdict\n"
        "from django.test import Client\nfrom lifegate.demo import services as demo\n"
        "from lifegate.identity import session\n"
        f"p = demo.find_person_by_bsn({INBOX_OWNER_BSN!r})\n"
        "c = Client()\ns = c.session\n"
        "s[session.CITIZEN] = asdict(session.Citizen('nl', p.person_id, True, 'P', 'Q', "
        "'1990-01-01', 'http://eidas.europa.eu/LoA/substantial'))\n"
        "s[session.SIGNED_IN_AT] = s[session.LAST_SEEN] = int(time.time())\ns.save()\n"
        "c.cookies['sessionid'] = s.session_key\n"
        "def p95(path):\n"
        "    times = []\n"
        f"    for _ in range({samples}):\n"
        "        t = time.perf_counter(); r = c.get(path)\n"
        "        times.append((time.perf_counter() - t) * 1000)\n"
        "        assert r.status_code == 200, (path, r.status_code)\n"
        "    return statistics.quantiles(times, n=20)[18]\n"
        "c.get('/nl/berichten')\n"
        "print(p95('/nl/berichten'), p95('/api/v1/health'))\n"
    )
    result = run_lifegate(["shell", "-c", code], {**env, "LIFEGATE_LOG_LEVEL": "ERROR"})
    assert result.returncode == 0, result.stderr
    inbox, health = result.stdout.strip().splitlines()[-1].split()
    return float(inbox), float(health)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--singles", type=int, default=4000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # scripts/postgres runs the server as the postgres user, who must enter the folder.
        folder.chmod(0o755)
        url, started_pg = _database(folder)
        try:
            _run(folder, url, args)
        finally:
            if started_pg:
                stop = [str(REPO / "scripts/postgres"), "stop", str(folder / "pg")]
                subprocess.run(stop, check=False)  # noqa: S603 - our own script


def _run(folder: Path, url: str, args: argparse.Namespace) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = lifegate_env(
        folder / "home",
        DATABASE_URL=url,
        LIFEGATE_PUBLIC_URL=base,
        AUTHLIB_INSECURE_TRANSPORT="1",
        LIFEGATE_LOG_LEVEL="WARNING",
    )
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    bsns = _setup(env, key, 1000)
    server = Killable(["serve", "--port", str(port), "--workers", "2"], env, folder / "serve.log")
    server.start()
    try:
        wait_until_up(base)
        auth = {"Authorization": f"Bearer {_token(base, key)}"}
        health = _health_rate(base, 4000, args.threads)
        single = _single_rate(base, auth, bsns, args.singles, args.threads)
        bulk = _bulk_rate(base, auth, bsns, args.batches, "bulk")
        _bulk_rate(base, auth, [INBOX_OWNER_BSN], 5, "inbox")
    finally:
        server.stop()
    raw = _raw_insert_rate(url, 20_000)
    inbox_p95, health_p95 = _inbox_p95(env, 200)
    rows = [
        ("baseline: bare health requests", f"{health:,.0f} req/s", ""),
        ("messages accepted one by one", f"{single:,.0f} msg/s", "target >= 500/s"),
        ("baseline: raw INSERTs, no crypto", f"{raw:,.0f} rows/s", ""),
        (
            "messages accepted in bulk (1,000 per request)",
            f"{bulk:,.0f} msg/s",
            "target >= 5,000/s",
        ),
        ("baseline: health p95 (in-process)", f"{health_p95:.1f} ms", ""),
        ("inbox page p95, 5,000 messages", f"{inbox_p95:.1f} ms", "target < 100 ms"),
    ]
    print(f"PostgreSQL, {os.cpu_count()} CPUs, {args.threads} client threads, granian 2 workers")
    for label, value, target in rows:
        print(f"{label:<48} {value:>14}   {target}")


if __name__ == "__main__":
    main()
