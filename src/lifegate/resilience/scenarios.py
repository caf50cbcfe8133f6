# SPDX-License-Identifier: EUPL-1.2
"""The drill's scenarios: each does one fault or attack and says what happened.

`lost` counts committed data missing afterwards (and requests that got a 5xx or a dropped
connection), `let_in` requests that should have been refused and were not; `recovery` is
seconds from the end of the fault to normal service. `problem` says why a scenario measured
nothing worth trusting (it then fails as well). Each scenario that sends many requests
uses a loopback address of its own, so one scenario's rate bucket does not throttle the next.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from joserfc import jwt
from joserfc.jwk import RSAKey

from lifegate.resilience.installation import TIMEOUT, Installation

CLIENT_BURST, CLIENT_FLOOD, CLIENT_AGENCY = 1, 2, 3  # their loopback addresses differ


@dataclass
class Outcome:
    name: str
    happened: list[str] = field(default_factory=list)
    lost: int = 0
    let_in: int = 0
    recovery: float | None = None
    skipped: str = ""
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.let_in == 0 and not self.problem


def _get(url: str, **kwargs: object) -> int:
    try:
        return httpx.get(url, timeout=TIMEOUT, **kwargs).status_code  # type: ignore[arg-type]
    except httpx.HTTPError:
        return 0


def _until(check: Callable[[], bool], limit: float = 30) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if check():
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def provider_faults(site: Installation) -> Outcome:
    out = Outcome("evidence provider down or slow")
    if site.proxy is None:
        out.skipped = "needs the drill's own installation (the fault proxy sits in front of it)"
        return out
    from lifegate.exchange.evidence.requests import HttpEvidenceTransport  # noqa: PLC0415

    transport = HttpEvidenceTransport(site.evidence_url, timeout=2)
    for fault, seconds in (("latency", 4.0), ("drop", 30.0), ("reset", 0.0), ("down", 0.0)):
        site.proxy.set_fault(fault, seconds)
        started = time.perf_counter()
        try:
            transport.send("GET", "/", None, "")
            answer = "answered"
        except Exception as error:
            answer = type(error).__name__
        took = time.perf_counter() - started
        health = _get(f"{site.base_url}/api/v1/health")
        out.happened.append(
            f"{fault}: platform call ended in {took:.1f}s ({answer}); health {health}"
        )
        out.let_in += 0 if took < 5 else 1  # an outbound call without a working timeout
    site.proxy.set_fault("pass")
    out.recovery = _until(lambda: _sends(transport))
    return out


def _sends(transport: object) -> bool:
    try:
        transport.send("GET", "/", None, "")  # type: ignore[attr-defined]
    except Exception:
        return False
    return True


def _committed(line: str) -> bool:
    return line.isdigit()


def database_restart(site: Installation, want: int = 20) -> Outcome:
    """Kill the writer (and, ours, the web server) after `want` commits; count what stayed."""
    out = Outcome("database restarted mid-transaction")
    before = site.probe("counts")
    if "writer" not in site.processes:
        site.start_writer()
    writer = site.readers["writer"]
    site.tell("writer", "go")
    reached = writer.wait_count(_committed, want, 90)
    site.kill("writer")  # mid-transaction: it commits one record after another
    if site.managed:
        site.kill("server")
    committed = writer.wait_count(_committed, 10**9, 5)  # what it printed before it died
    started = time.perf_counter()
    if site.managed:
        site.start_server()
        site.wait_healthy()
    after = site.probe("counts")
    out.recovery = time.perf_counter() - started
    gained = after["drill_writes"] - before["drill_writes"]
    intact = after["ledger_intact"] and after["trail_intact"]
    out.lost = max(0, committed - gained) + (0 if intact else 1)
    if reached < want:
        out.problem = f"the writer committed only {reached} records in 90s (wanted {want})"
    elif gained > committed + 1:  # at most the one committed but not yet printed
        out.problem = f"{gained} records found, {committed} committed: the count is unreliable"
    killed = "writer and web server" if site.managed else "writer (server not ours to kill)"
    out.happened.append(
        f"killed the {killed} after {committed} committed audit writes; {gained} found "
        f"after restart; ledger and trail intact (nothing half-written): {intact}"
    )
    return out


def worker_killed(site: Installation, job_seconds: float = 3.0) -> Outcome:
    out = Outcome("worker killed mid-job")
    if not site.managed:
        out.skipped = "needs the drill's own installation (it kills and restarts the worker)"
        return out
    marker = uuid.uuid4().hex[:12]
    site.probe("enqueue", marker, str(job_seconds))
    running = _until(lambda: "RUNNING" in site.probe("marks", marker)["status"], 60)
    time.sleep(min(1.0, job_seconds / 3))  # well into the job's transaction
    site.kill("worker")
    out.happened.append(f"job started after {running or 0:.1f}s; worker killed 1s into the job")
    started = time.perf_counter()
    site.spawn("worker", "worker", "--interval", "0.1")
    done = _until(lambda: "SUCCESSFUL" in site.probe("marks", marker)["status"], 90)
    marks = site.probe("marks", marker)["marks"]
    out.recovery = None if done is None else time.perf_counter() - started
    out.lost = 0 if marks == 1 else 1
    out.happened.append(
        f"restarted worker finished it: {done is not None}; marks written: {marks} (want 1)"
    )
    return out


async def _fire(site: Installation, url: str, rate: float, count: int) -> list[tuple[int, bool]]:
    """`count` GETs started at `rate` per second, concurrently: (status, has Retry-After)."""
    async with site.async_client(CLIENT_BURST, connections=64) as client:

        async def one(number: int) -> tuple[int, bool]:
            await asyncio.sleep(number / rate)
            try:
                response = await client.get(url)
            except httpx.HTTPError:
                return 0, False
            return response.status_code, bool(response.headers.get("Retry-After"))

        return list(await asyncio.gather(*(one(n) for n in range(count))))


def burst(site: Installation, normal_rate: float, seconds: float = 2.0) -> Outcome:
    """Ten times the normal rate for `seconds`: 429 with Retry-After, never a 5xx."""
    out = Outcome("burst of 10x normal traffic")
    url = f"{site.base_url}/api/v1/ledger/checkpoints/latest"
    count = int(normal_rate * 10 * seconds)
    started = time.perf_counter()
    answers = asyncio.run(_fire(site, url, normal_rate * 10, count))
    took = time.perf_counter() - started
    codes = [code for code, _ in answers]
    limited = codes.count(429)
    without_retry_after = sum(1 for code, retry in answers if code == 429 and not retry)
    errors = sum(1 for c in codes if c >= 500 or c == 0)
    out.happened.append(
        f"{count} requests in {took:.1f}s against a normal rate of {normal_rate:g}/s: "
        f"{count - limited - errors} answered, {limited} refused 429 "
        f"({without_retry_after} without Retry-After), {errors} errors or dropped"
    )
    out.let_in = 0 if limited else 1  # no limit took effect: the overload reached the app
    out.lost = errors  # a 5xx or dropped connection is a request lost
    if without_retry_after:
        out.problem = f"{without_retry_after} refusals without Retry-After"
    with site.client(CLIENT_BURST) as client:
        out.recovery = _until(lambda: _status(client, url) not in (0, 429), 30)
    return out


def _status(client: httpx.Client, url: str, **kwargs: object) -> int:
    try:
        return client.get(url, **kwargs).status_code  # type: ignore[arg-type]
    except httpx.HTTPError:
        return 0


def post_resent_if_dropped(client: httpx.Client, url: str, **kwargs: Any) -> tuple[int, bool]:
    """The status of a POST, and whether it had to be sent twice.

    A keep-alive connection the server closes just as the client reuses it ends without any
    answer; browsers then send the request again on a new connection, and so does this.
    """
    try:
        return client.post(url, **kwargs).status_code, False
    except httpx.RemoteProtocolError:  # "server disconnected without sending a response"
        return client.post(url, **kwargs).status_code, True


def sign_in_flood(site: Installation, path: str, attempts: int = 40) -> Outcome:
    out = Outcome("flood of sign-in attempts")
    url = f"{site.base_url}{path}"
    codes: list[int] = []
    resent = 0
    with site.client(CLIENT_FLOOD) as client:
        page = client.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        for number in range(attempts):
            data = {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": f"ambtenaar-{number % 3}",
                "password": "guess",
                "code": "000000",
            }
            code, again = post_resent_if_dropped(client, url, data=data, headers={"Referer": url})
            codes.append(code)
            resent += again
    out.let_in = sum(1 for c in codes if 300 <= c < 400)
    out.lost = sum(1 for c in codes if c >= 500)
    out.happened.append(
        f"{attempts} wrong sign-ins: {codes.count(400)} refused, "
        f"{codes.count(429)} throttled (429), {out.lost} server errors; page {page.status_code}"
        f"; {resent} sent again after a dropped keep-alive connection"
    )
    if codes.count(429) == 0:
        out.let_in += 1  # not throttled at all
    return out


def _assertion(site: Installation, client_id: str, key: RSAKey, jti: str = "") -> str:
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": f"{site.base_url}/oauth2/token",
        "jti": jti or uuid.uuid4().hex,
        "iat": now,
        "exp": now + 60,
    }
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def _polite(send: Callable[[], httpx.Response]) -> httpx.Response:
    """Send; on 429 wait as Retry-After says and send again (a well-behaved client)."""
    response = send()
    for _ in range(3):
        if response.status_code != 429:
            break
        time.sleep(min(10.0, float(response.headers.get("Retry-After", "1") or 1)))
        response = send()
    return response


class _Agency:
    """An agency's client of the token endpoint and the API, from its own address."""

    def __init__(self, site: Installation, client: httpx.Client) -> None:
        self.site, self.client = site, client

    def token(self, assertion: str) -> tuple[int, str]:
        data = {
            "grant_type": "client_credentials",
            "client_assertion": assertion,
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        }
        url = f"{self.site.base_url}/oauth2/token"
        response = _polite(lambda: self.client.post(url, data=data))
        token = response.json().get("access_token", "") if response.status_code == 200 else ""
        return response.status_code, str(token)

    def api(self, token: str) -> int:
        url = f"{self.site.base_url}/api/v1/cases/cases"
        headers = {"Authorization": f"Bearer {token}"}
        try:
            return _polite(lambda: self.client.get(url, headers=headers)).status_code
        except httpx.HTTPError:
            return 0


def tokens_and_key_compromise(site: Installation) -> list[Outcome]:
    folder = Path(tempfile.mkdtemp(prefix="lifegate-drill-keys-"))
    try:
        with site.client(CLIENT_AGENCY) as client:
            return _tokens_and_rotation(site, _Agency(site, client), folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _tokens_and_rotation(site: Installation, agency: _Agency, folder: Path) -> list[Outcome]:
    tokens = Outcome("replayed or forged token")
    client_id = str(site.probe("agency", "svb", str(folder / "old.json")))
    old = RSAKey.import_key(json.loads((folder / "old.json").read_text()))
    first = _assertion(site, client_id, old)
    status, token = agency.token(first)
    tokens.happened.append(f"real client: token {status}, API {agency.api(token)}")
    if status != 200:
        tokens.problem = f"the real client got no token ({status}): nothing else was tested"
    stranger = RSAKey.generate_key(2048, {"alg": "RS256"}, private=True, auto_kid=True)
    attempts = {
        "replayed assertion": agency.token(first)[0],
        "assertion signed by another key": agency.token(_assertion(site, client_id, stranger))[0],
        "forged bearer token": agency.api(uuid.uuid4().hex),
        "token with one character changed": agency.api(
            (token or "x")[:-1] + ("A" if token[-1:] != "A" else "B")
        ),
    }
    tokens.let_in = sum(1 for code in attempts.values() if code == 200)
    tokens.lost = sum(1 for code in attempts.values() if code >= 500 or code == 0)
    tokens.happened += [f"{name}: {code}" for name, code in attempts.items()]
    return [
        tokens,
        _rotation(site, agency, client_id=client_id, old=old, token=token, folder=folder),
    ]


def _rotation(
    site: Installation, agency: _Agency, *, client_id: str, old: RSAKey, token: str, folder: Path
) -> Outcome:
    rotation = Outcome("signing key declared compromised")
    new = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, private=True, auto_kid=True)
    (folder / "new.json").write_text(json.dumps({"keys": [new.as_dict(private=False)]}))
    started = time.perf_counter()
    rotated = site.command(
        "rotate_key",
        "agency",
        client_id,
        "--organisation",
        "svb",
        "--jwks",
        str(folder / "new.json"),
    )
    rotation.recovery = time.perf_counter() - started
    after = {
        "old access token": agency.api(token),
        "new assertion with the old key": agency.token(_assertion(site, client_id, old))[0],
    }
    new_status, new_token = agency.token(_assertion(site, client_id, new))
    new_api = agency.api(new_token)
    rotation.let_in = sum(1 for code in after.values() if code == 200)
    rotation.happened.append(rotated.stdout.strip() or rotated.stderr.strip()[-200:])
    rotation.happened += [f"{name}: {code}" for name, code in after.items()]
    rotation.happened.append(f"new key: token {new_status}, API {new_api}")
    if rotated.returncode != 0 or new_status != 200 or new_api != 200:
        rotation.problem = "the rotation did not leave the client working with its new key"
    return rotation
