# SPDX-License-Identifier: EUPL-1.2
"""Message box throughput on PostgreSQL with encryption on (issue 7).

Targets: >= 500 messages/s accepted one by one, >= 5,000/s through the bulk send, and the
inbox page p95 < 100 ms for a citizen with 5,000 messages, over HTTP (`lifegate serve`,
granian) and in-process. Baselines from the same run, with the ratio printed next to each
figure: bare health requests (what HTTP + Django cost with no work; no request can be
faster), raw multi-row INSERTs of rows of the same size (what the database costs with no
encryption or checks), and the health p95. The machine is shared: compare the ratios.

Run: `uv run python bench/messagebox_throughput.py` (starts its own PostgreSQL with
scripts/postgres), or set DATABASE_URL to use an existing empty database.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from joserfc.jwk import RSAKey

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lifegate.identity.assertions import client_assertion  # noqa: E402
from tests.conftest import free_port, lifegate_env, run_lifegate  # noqa: E402
from tests.messagebox import bodies as factories  # noqa: E402
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


Request = tuple[str, str, bytes, dict[str, str]]  # method, path, body, headers


def _send_all(port: int, requests: list[Request]) -> None:
    """One kept-alive connection (stdlib http.client: the lightest client, so the server gets
    the CPU) sending `requests` in order."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for method, path, body, headers in requests:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        assert response.status < 300, answer[:500]
    connection.close()


def _rate(port: int, requests: list[Request], threads: int, per: int = 1) -> float:
    """Items per second for `requests` sent by `threads` kept-alive connections."""
    chunks = [requests[i::threads] for i in range(threads)]
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda chunk: _send_all(port, chunk), chunks))
    return len(requests) * per / (time.perf_counter() - started)


def _post(path: str, body: Any, headers: dict[str, str]) -> Request:
    encoded = json.dumps(body).encode()
    return ("POST", path, encoded, {**headers, "Content-Type": "application/json"})


def _single_rate(
    port: int, auth: dict[str, str], bsns: list[str], count: int, threads: int
) -> float:
    requests = [
        _post(
            "/api/v1/messagebox/messages",
            factories.message_body(bsns[i % len(bsns)]),
            {**auth, "Idempotency-Key": f"one-{i}"},
        )
        for i in range(count)
    ]
    return _rate(port, requests, threads)


def _bulk_rate(
    port: int, auth: dict[str, str], recipients: list[str], batches: int, tag: str
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
        headers = {**auth, "Idempotency-Key": f"{tag}-{b}"}
        requests.append(_post("/api/v1/messagebox/message-batches", {"messages": items}, headers))
    return _rate(port, requests, 2, per=1000)


def _health_rate(port: int, count: int, threads: int) -> float:
    return _rate(port, [("GET", "/api/v1/health", b"", {})] * count, threads)


def _authenticated_rate(
    port: int, auth: dict[str, str], bsn: str, count: int, threads: int
) -> float:
    """Baseline: an agency reads the status of a message it sent (token check + one SELECT)."""
    sent = _post("/api/v1/messagebox/messages", factories.message_body(bsn), auth)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(sent[0], sent[1], body=sent[2], headers={**sent[3], "Idempotency-Key": "x"})
    message_id = json.loads(connection.getresponse().read())["id"]
    connection.close()
    request = ("GET", f"/api/v1/messagebox/messages/{message_id}", b"", auth)
    return _rate(port, [request] * count, threads)


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


_SIGNED_IN = (
    "import time, statistics\nfrom dataclasses import asdict\n"
    "from django.test import Client\nfrom lifegate.demo import services as demo\n"
    "from lifegate.identity import session\n"
    f"p = demo.find_person_by_bsn({INBOX_OWNER_BSN!r})\n"
    "c = Client()\ns = c.session\n"
    "s[session.CITIZEN] = asdict(session.Citizen('nl', p.person_id, True, 'P', 'Q', "
    "'1990-01-01', 'substantial'))\n"
    "s[session.SIGNED_IN_AT] = s[session.LAST_SEEN] = int(time.time())\ns.save()\n"
)


def _inbox_p95(env: dict[str, str], samples: int) -> tuple[float, float, str]:
    """p95 ms of the inbox page and of health in-process (Django's test client: middleware,
    view, template, no HTTP), and a signed-in session key for the same citizen over HTTP."""
    code = _SIGNED_IN + (
        "def p95(path):\n"
        "    times = []\n"
        f"    for _ in range({samples}):\n"
        "        t = time.perf_counter(); r = c.get(path)\n"
        "        times.append((time.perf_counter() - t) * 1000)\n"
        "        assert r.status_code == 200, (path, r.status_code)\n"
        "    return statistics.quantiles(times, n=20)[18]\n"
        "assert b'Kinderbijslag' in c.get('/nl/berichten').content\n"
        "print(p95('/nl/berichten'), p95('/api/v1/health'), s.session_key)\n"
    )
    result = run_lifegate(["shell", "-c", code], {**env, "LIFEGATE_LOG_LEVEL": "ERROR"})
    assert result.returncode == 0, result.stderr
    inbox, health, session_key = result.stdout.strip().splitlines()[-1].split()
    return float(inbox), float(health), session_key


def _http_p95(port: int, path: str, cookie: str, samples: int) -> float:
    """p95 ms of GET `path` over HTTP, one request at a time on a kept-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    times = []
    for _ in range(samples + 5):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (path, response.status)
    connection.close()
    return statistics.quantiles(times[5:], n=20)[18]


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
    parser.add_argument("--batches", type=int, default=20)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="granian worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # scripts/postgres runs the server as the postgres user, who must enter the folder.
        folder.chmod(0o755)
        url, started_pg = _database(folder)
        try:
            _report(_measure(folder, url, args), args)
        finally:
            if started_pg:
                stop = [str(REPO / "scripts/postgres"), "stop", str(folder / "pg")]
                subprocess.run(stop, check=False)  # noqa: S603 - our own script


@dataclass
class Figures:
    health: float = 0.0
    authenticated: float = 0.0
    single: float = 0.0
    bulk: float = 0.0
    raw: float = 0.0
    inbox_http: float = 0.0
    health_http: float = 0.0
    inbox: float = 0.0
    health_in_process: float = 0.0


def _serve(folder: Path, env: dict[str, str], port: int, args: argparse.Namespace) -> Killable:
    command = ["serve", "--port", str(port), "--workers", str(args.workers)]
    server = Killable(command, env, folder / "serve.log")
    server.start()
    wait_until_up(f"http://127.0.0.1:{port}")
    return server


def _measure(folder: Path, url: str, args: argparse.Namespace) -> Figures:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = lifegate_env(
        folder / "home",
        DATABASE_URL=url,
        LIFEGATE_PUBLIC_URL=base,
        LIFEGATE_LOG_LEVEL="WARNING",
        # one loopback client sends everything: the limits would measure themselves
        LIFEGATE_RATE_LIMIT_PER_SECOND="1000000",
        LIFEGATE_RATE_LIMIT_BURST="1000000",
        LIFEGATE_AGENCY_RATE_LIMIT_PER_SECOND="1000000",
        LIFEGATE_AGENCY_RATE_LIMIT_BURST="1000000",
    )
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    bsns = _setup(env, key, 1000)
    figures = Figures(raw=_raw_insert_rate(url, 20_000))
    server = _serve(folder, env, port, args)
    try:
        auth = {"Authorization": f"Bearer {_token(base, key)}"}
        figures.health = _health_rate(port, args.singles, args.threads)
        figures.authenticated = _authenticated_rate(port, auth, bsns[0], args.singles, args.threads)
        figures.single = _single_rate(port, auth, bsns, args.singles, args.threads)
        figures.bulk = _bulk_rate(port, auth, bsns, args.batches, "bulk")
        _bulk_rate(port, auth, [INBOX_OWNER_BSN], 5, "inbox")
        figures.inbox, figures.health_in_process, session_key = _inbox_p95(env, 200)
        cookie = f"lifegate-session={session_key}"
        figures.inbox_http = _http_p95(port, "/nl/berichten", cookie, 200)
        figures.health_http = _http_p95(port, "/api/v1/health", "", 200)
    finally:
        server.stop()
    return figures


def _report(figures: Figures, args: argparse.Namespace) -> None:
    f = figures
    rows = [
        ("baseline: bare health requests", f"{f.health:,.0f} req/s", "", ""),
        ("baseline: message status GET (token + 1 query)", f"{f.authenticated:,.0f} req/s", "",
         f"{f.authenticated / f.health:.0%} of health"),
        ("messages accepted one by one", f"{f.single:,.0f} msg/s", "target >= 500/s",
         f"{f.single / f.authenticated:.0%} of status GET"),
        ("baseline: raw INSERTs, no crypto", f"{f.raw:,.0f} rows/s", "", ""),
        ("messages accepted in bulk (1,000 per request)", f"{f.bulk:,.0f} msg/s",
         "target >= 5,000/s", f"{f.bulk / f.raw:.0%} of raw INSERTs"),
        ("baseline: health p95 over HTTP", f"{f.health_http:.1f} ms", "", ""),
        ("inbox page p95 over HTTP, 5,000 messages", f"{f.inbox_http:.1f} ms",
         "target < 100 ms", f"{f.inbox_http / f.health_http:.1f}x health"),
        ("baseline: health p95 in-process", f"{f.health_in_process:.1f} ms", "", ""),
        ("inbox page p95 in-process, 5,000 messages", f"{f.inbox:.1f} ms", "target < 100 ms",
         f"{f.inbox / f.health_in_process:.1f}x health"),
    ]  # fmt: skip
    load = os.getloadavg()[0]
    print(
        f"PostgreSQL, {os.cpu_count()} CPUs (load {load:.1f}), {args.threads} client "
        f"connections, lifegate serve (granian) with {args.workers} workers"
    )
    for label, value, target, ratio in rows:
        print(f"{label:<46} {value:>14}   {target:<18} {ratio}")


if __name__ == "__main__":
    main()
