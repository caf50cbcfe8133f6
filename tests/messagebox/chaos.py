# SPDX-License-Identifier: EUPL-1.2
"""Processes for the kill test: `lifegate serve` and `lifegate worker` that can be SIGKILLed,
a webhook receiver on loopback, and an agency client that retries until it gets an answer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from joserfc.jwk import RSAKey

from lifegate.identity.assertions import client_assertion
from tests.conftest import REPO


class Killable:
    """A `lifegate` subprocess in its own process group, so SIGKILL takes its children too."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args, self.env, self.log = args, env, log
        self.process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and command
                [sys.executable, "-m", "lifegate.cli", *self.args],
                env=self.env,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.kills += 1

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Receiver(ThreadingHTTPServer):
    """Webhook receiver: keeps every CloudEvent id and subject it was given (dupes counted)."""

    def __init__(self, port: int) -> None:
        self.received: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        event: dict[str, Any] = json.loads(body)
        with self.server.lock:
            self.server.received.append((event["id"], event["type"], event["subject"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return None


class Agency:
    """An agency's system: gets a token the real way and retries every POST until answered."""

    def __init__(self, base: str, client_id: str, key: RSAKey, public_url: str) -> None:
        self.base, self.client_id, self.key, self.public_url = base, client_id, key, public_url
        self.http = httpx.Client(timeout=30)
        self.token = ""

    def _refresh(self) -> None:
        assertion = client_assertion(self.client_id, self.key, f"{self.public_url}/oauth2/token")
        response = self.http.post(
            f"{self.base}/oauth2/token",
            data={
                "grant_type": "client_credentials",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": assertion,
            },
        )
        response.raise_for_status()
        self.token = response.json()["access_token"]

    def call(
        self, method: str, path: str, body: Any = None, key: str = "", deadline: float = 300
    ) -> Any:
        """Retry through refused connections, resets and 5xx until a final answer."""
        give_up = time.monotonic() + deadline
        while time.monotonic() < give_up:
            try:
                if not self.token:
                    self._refresh()
                headers = {"Authorization": f"Bearer {self.token}"}
                if key:
                    headers["Idempotency-Key"] = key
                response = self.http.request(
                    method, f"{self.base}/api/v1{path}", json=body, headers=headers
                )
            except httpx.HTTPError:
                time.sleep(0.2)
                continue
            if response.status_code == 401:
                self.token = ""
                continue
            if response.status_code >= 500:
                time.sleep(0.2)
                continue
            return response
        raise AssertionError(f"{method} {path} got no answer in {deadline} s")


def wait_until_up(base: str, timeout: float = 60) -> None:
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("lifegate serve did not come up")
