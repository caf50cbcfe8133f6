# SPDX-License-Identifier: EUPL-1.2
"""HTTP helpers for the rules benches: start `lifegate serve` and `openfisca serve` on
loopback, and one load client (a thread per keep-alive connection) for both.

The load client shares the two cores with the servers, so what it costs per request is
taken from both. `load` uses the standard library's `http.client`: about 0.2 ms of CPU per
request, against httpx's 0.75 ms (measured with `lifegate serve` on this machine), so its
throughput figures measure the servers more and the client less. `load_each` (a few
thousand different bodies, for the population baseline) keeps httpx.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# `lifegate serve` runs granian with 4 blocking threads per worker (core/.../serve.py); OpenFisca's
# gunicorn gets as many threads per worker, so both servers have the same processes and threads.
THREADS = 4


def _wait(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@dataclass(frozen=True)
class Server:
    url: str  # the base URL
    pid: int  # the server's main process (its workers are its children)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the server and all its worker processes so far.

        On a machine shared with other work, the wall-clock throughput of two servers
        measured minutes apart varies with everyone else's load; the CPU each request
        costs does not (Linux /proc).
        """
        tick = os.sysconf("SC_CLK_TCK")
        children: dict[int, list[int]] = {}
        times: dict[int, float] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            pid = int(stat.parent.name)
            children.setdefault(int(fields[1]), []).append(pid)
            times[pid] = (int(fields[11]) + int(fields[12])) / tick
        total, todo = 0.0, [self.pid]
        while todo:
            pid = todo.pop()
            total += times.get(pid, 0.0)
            todo.extend(children.get(pid, []))
        return total


@contextmanager
def _server(args: list[str], url: str, env: dict[str, str]) -> Iterator[int]:
    process = subprocess.Popen(  # noqa: S603 - our own tools
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO
    )
    try:
        _wait(url, process)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def lifegate_server(port: int, workers: int) -> Iterator[Server]:
    """`lifegate serve` (granian) on a fresh home, migrated."""
    home = tempfile.mkdtemp(prefix="lifegate-bench-")
    env = {**os.environ, "LIFEGATE_HOME": home, "LIFEGATE_PORT": str(port)}
    # The load comes from one address: no per-address rate limit (OpenFisca's has none).
    env["LIFEGATE_RATE_LIMIT_PER_SECOND"] = "0"
    env.pop("DATABASE_URL", None)
    lifegate = str(BIN / "lifegate")
    subprocess.run([lifegate, "migrate", "-v0"], env=env, check=True, cwd=REPO)  # noqa: S603
    args = [lifegate, "serve", "--workers", str(workers)]
    with _server(args, f"http://127.0.0.1:{port}/api/v1/health", env) as pid:
        yield Server(f"http://127.0.0.1:{port}", pid)


@contextmanager
def openfisca_server(port: int, workers: int, threads: int = THREADS) -> Iterator[Server]:
    """OpenFisca's web API (gunicorn, `threads` per worker) for `lifegate.rules.openfisca_nl`."""
    args = [
        str(BIN / "openfisca"),
        "serve",
        "--country-package",
        "lifegate.rules.openfisca_nl",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",  # a gunicorn option: openfisca serve passes it on
        str(threads),
    ]
    with _server(args, f"http://127.0.0.1:{port}/spec", dict(os.environ)) as pid:
        yield Server(f"http://127.0.0.1:{port}", pid)


def load(url: str, body: Any, *, connections: int, seconds: float) -> tuple[float, list[float]]:
    """Requests per second and latencies (ms) with `connections` clients posting `body`."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    failures: list[BaseException] = []
    target, data = urlsplit(url), json.dumps(body).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    stop = time.monotonic() + seconds

    def client(mine: list[float]) -> None:
        connection = http.client.HTTPConnection(target.hostname or "", target.port, timeout=30)
        try:
            while time.monotonic() < stop:
                started = time.perf_counter()
                connection.request("POST", target.path, data, headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    raise RuntimeError(f"{url} answered {response.status}: is the server well?")
                mine.append((time.perf_counter() - started) * 1000)
        except BaseException as exc:  # the bench stops with it below, not just this thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(mine,)) for mine in latencies]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    every = [value for mine in latencies for value in mine]
    return len(every) / (time.monotonic() - started), every


def load_each(url: str, bodies: list[Any], *, connections: int) -> float:
    """Seconds to post every body once, spread over `connections` clients."""
    shares = [bodies[i::connections] for i in range(connections)]

    def client(mine: list[Any]) -> None:
        with httpx.Client(timeout=60) as http:
            for body in mine:
                http.post(url, json=body).raise_for_status()

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started
