# SPDX-License-Identifier: EUPL-1.2
"""`lifegate demo` end to end: seeds, serves over real HTTP, stops, and keeps its data."""

import contextlib
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import REPO, free_port, lifegate_env

pytestmark = pytest.mark.slow


def _start(env, port):
    return subprocess.Popen(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "lifegate.cli", "demo", "--port", str(port)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_until_healthy(process, url, limit):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        try:
            if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not healthy within {limit} s")


def _read_until(process, marker, limit):
    """The output up to `marker`, read from the pipe itself (so `_stop` gets the rest)."""
    seen, deadline = b"", time.monotonic() + limit
    while marker.encode() not in seen:
        ready, _, _ = select.select([process.stdout], [], [], max(0, deadline - time.monotonic()))
        chunk = os.read(process.stdout.fileno(), 4096) if ready else b""
        assert chunk, f"no {marker!r} within {limit} s: {seen.decode()}"
        seen += chunk
    return seen.decode()


@contextlib.contextmanager
def _taken(port):
    """`port` taken for the duration: by this test, unless something else has it already."""
    with socket.socket() as holder:
        with contextlib.suppress(OSError):
            holder.bind(("127.0.0.1", port))
            holder.listen()
        yield


def _stop(process):
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    return process.returncode, output


def _start_sign_in(url):
    """Start a sign-in in Dutch; the answer of the portal, and the page it leads to."""
    with httpx.Client(base_url=url) as client:
        form = client.get("/nl/inloggen")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, form.text
        answer = client.post("/nl/inloggen", data={"csrfmiddlewaretoken": token[1]})
        provider = client.get(answer.headers["location"]) if answer.is_redirect else None
    return answer, provider


def _wait_for_evidence_provider(base):
    """The provider's answer for a request id it never saw, once it listens."""
    for _attempt in range(100):
        with contextlib.suppress(httpx.TransportError):
            return httpx.get(f"{base}/oots/evidence-responses/unknown", timeout=2)
        time.sleep(0.1)
    raise AssertionError(f"the demo evidence provider does not answer at {base}")


def _persons(home):
    with sqlite3.connect(home / "lifegate.sqlite3") as db:
        return db.execute("SELECT count(*) FROM demo_person").fetchone()[0]


def test_the_demo_serves_stops_on_ctrl_c_and_starts_again_with_its_data(lifegate_home):
    env = lifegate_env(lifegate_home, LIFEGATE_DEMO_PERSONS="400")
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    with _taken(8090):  # the evidence provider's default port: another demo has it
        first = _start(env, port)
        announced = _read_until(first, "demo Spain", limit=120)
        _wait_until_healthy(first, url, limit=60)
        home_nl = httpx.get(url + "/nl/").text
        # The demo listens on a port other than the default public address's 8000: a sign-in
        # must still reach the demo eID provider on this port (it did not, before the fix).
        signing_in, provider = _start_sign_in(url)
        evidence = re.search(r"Evidence provider (http://127.0.0.1:(\d+))/", announced)
        assert evidence, announced
        unknown = _wait_for_evidence_provider(evidence[1])
        code, output = _stop(first)
    output = announced + output
    persons = _persons(lifegate_home)

    second = _start(env, port)
    _wait_until_healthy(second, url, limit=60)
    home_en = httpx.get(url + "/en/").text
    _code, second_output = _stop(second)

    assert code in {0, 130}, output
    assert evidence[2] != "8090"  # moved off the taken port, and serving there:
    assert unknown.status_code == 404, unknown.text
    assert "Gemeente Utrecht" in home_nl
    assert signing_in.status_code == 302, signing_in.text
    assert signing_in.headers["location"].startswith(f"{url}/demo-eid/")
    assert provider is not None and provider.status_code == 200
    assert "Sanne de Vries" in provider.text  # the provider's choice of demo people
    assert "Municipality of Utrecht" in home_en
    assert f"{url}/nl/" in output
    assert "password" in output
    assert persons == 400 == _persons(lifegate_home)
    assert "population already loaded" in second_output
