# SPDX-License-Identifier: EUPL-1.2
"""The kill test: SIGKILL `lifegate serve` and `lifegate worker` at random moments while an
agency sends messages with retries. Nothing accepted is lost, nothing is duplicated, every
delivered-receipt reaches the webhook at least once (told apart by CloudEvent id).

Default 10,000 messages in batches of 100 plus single sends; more with
LIFEGATE_KILL_MESSAGES=100000. Runs on SQLite, or on PostgreSQL when DATABASE_URL is set.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path

import pytest
from joserfc.jwk import RSAKey

from tests.conftest import free_port, lifegate_env, run_lifegate
from tests.messagebox import bodies as factories
from tests.messagebox.chaos import Agency, Killable, Receiver, wait_until_up

pytestmark = [pytest.mark.slow, pytest.mark.database_server]
MESSAGES = int(os.environ.get("LIFEGATE_KILL_MESSAGES", "10000"))
BATCH = 100
SINGLES = 200  # sent one by one (the rest in batches)
PERSONS = 50


def _prepare(env: dict[str, str], jwks: dict[str, object]) -> list[str]:
    """Migrate, create recipients and the agency client; returns the recipients' BSNs."""
    migrated = run_lifegate(["migrate", "--no-input"], env, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    bsns = [factories.valid_bsn(1000 + i) for i in range(PERSONS)]
    code = (
        "import json, datetime as dt\n"
        "from lifegate.demo import models as d\n"
        "from lifegate.identity import services as s\n"
        f"bsns = {bsns!r}\n"
        "d.Person.objects.bulk_create([d.Person(person_id=i + 1, bsn=b, given_names='P', "
        "family_name='Q', sex='F', birth_date=dt.date(1990, 1, 1), nationality='NL', "
        "yearly_income=1, assets=1, health_insured=True, registered_in_brp=True, student=False) "
        "for i, b in enumerate(bsns)])\n"
        f"s.register_agency_client('svb-kill', 'svb', json.loads({json.dumps(json.dumps(jwks))}))\n"
    )
    shell = run_lifegate(["shell", "-c", code], env)
    assert shell.returncode == 0, shell.stderr
    return bsns


def _query(env: dict[str, str]) -> dict[str, object]:
    code = (
        "import json\n"
        "from django.db.models import Count\n"
        "from lifegate.messagebox.models import Message\n"
        "rows = Message.objects.values('idempotency_key').annotate(n=Count('id'))\n"
        "ids = dict(Message.objects.values_list('idempotency_key', 'id'))\n"
        "print(json.dumps({'dupes': [r['idempotency_key'] for r in rows if r['n'] > 1],"
        " 'ids': {k: str(v) for k, v in ids.items()}}))\n"
    )
    result = run_lifegate(["shell", "-c", code], env)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def _chaos(server: Killable, worker: Killable, base: str, stop: threading.Event) -> None:
    chance = random.Random(7)  # noqa: S311 - chaos, not cryptography
    while not stop.wait(chance.uniform(0.3, 1.5)):
        victim = server if chance.random() < 0.6 else worker
        victim.kill()
        time.sleep(chance.uniform(0.0, 0.5))
        victim.start()
        if victim is server:
            wait_until_up(base)


def _send_all(agency: Agency, bsns: list[str], accepted: dict[str, str]) -> None:
    keys = [f"m-{i}" for i in range(MESSAGES)]
    bodies = {
        k: factories.message_body(bsns[i % len(bsns)], reference=k) for i, k in enumerate(keys)
    }
    for key in keys[:SINGLES]:
        response = agency.call("POST", "/messagebox/messages", bodies[key], key)
        assert response.status_code in (200, 201), response.text
        accepted[key] = response.json()["id"]
    for start in range(SINGLES, MESSAGES, BATCH):
        chunk = keys[start : start + BATCH]
        body = {"messages": [{**bodies[k], "idempotencyKey": k} for k in chunk]}
        response = agency.call("POST", "/messagebox/message-batches", body, f"batch-{start}")
        assert response.status_code == 200, response.text
        for key, result in zip(chunk, response.json()["results"], strict=True):
            assert result["status"] in (200, 201), result
            accepted[key] = result["id"]


def test_killing_server_and_worker_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    port, hook_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    env = lifegate_env(
        tmp_path / "home",
        LIFEGATE_PUBLIC_URL=base,
        LIFEGATE_OUTBOX_RETRY_SECONDS="1",
        LIFEGATE_LOG_LEVEL="WARNING",
        # one loopback agency sends all 10,000: no per-address limit
        LIFEGATE_RATE_LIMIT_PER_SECOND="1000000",
        LIFEGATE_RATE_LIMIT_BURST="1000000",
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    bsns = _prepare(env, {"keys": [key.as_dict()]})
    receiver = Receiver(hook_port)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    server = Killable(["serve", "--port", str(port), "--workers", "2"], env, tmp_path / "serve.log")
    worker = Killable(["worker", "--interval", "0.2"], env, tmp_path / "worker.log")
    server.start()
    worker.start()
    stop = threading.Event()
    try:
        wait_until_up(base)
        agency = Agency(base, "svb-kill", key, base)
        hook = agency.call(
            "POST", "/outbox/subscriptions", {"url": f"http://127.0.0.1:{hook_port}/hook"}, "sub-1"
        )
        assert hook.status_code in (200, 201), hook.text
        chaos = threading.Thread(target=_chaos, args=(server, worker, base, stop))
        chaos.start()
        accepted: dict[str, str] = {}
        _send_all(agency, bsns, accepted)
        stop.set()
        chaos.join()
        assert server.kills + worker.kills > 0, "the test must have killed something"
        stored = _query(env)
        assert stored["dupes"] == []
        assert stored["ids"] == accepted  # 0 lost, and the ids the agency got are the real ones
        _wait_for_receipts(receiver, set(accepted.values()), agency)
        agency.http.close()
        calls = len(receiver.received)
        print(f"kills: server {server.kills}, worker {worker.kills}; webhook calls {calls}")
    finally:
        stop.set()
        server.stop()
        worker.stop()
        receiver.shutdown()
        receiver.server_close()


def _wait_for_receipts(receiver: Receiver, message_ids: set[str], agency: Agency) -> None:
    give_up = time.monotonic() + 150
    missing = message_ids
    while time.monotonic() < give_up:
        with receiver.lock:
            delivered = {s for _id, t, s in receiver.received if t.endswith("message-delivered")}
        missing = message_ids - delivered
        if not missing:
            break
        time.sleep(1)
    assert not missing, f"{len(missing)} delivered-receipts never reached the webhook"
    with receiver.lock:
        ids = [event_id for event_id, _t, _s in receiver.received]
    assert len(set(ids)) == len(message_ids)  # redeliveries share their event's id
    polled = agency.call("GET", "/messagebox/events?limit=1000&after=0").json()
    assert len(polled["events"]) == min(1000, len(message_ids))
