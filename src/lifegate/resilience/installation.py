# SPDX-License-Identifier: EUPL-1.2
"""The installation a drill runs against: started here (temporary) or already running.

A temporary one gets its own LIFEGATE_HOME and SQLite database, a low rate limit (so a
burst of ten times the normal rate shows at once, however slow the machine), the demo
evidence provider behind a `FaultProxy`, a web server and a worker — processes the drill
may kill and start again. Each process runs in its own process group, so a kill takes its
children too (the web server's workers are forked children: killing only the parent would
leave an orphan serving the port).

The database side is asked through one long-lived `drill_probe session` process, and the
drill's writer is started with the installation and waits for a go, so no scenario waits
for a Python process to start under load.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import httpx

from lifegate.resilience.faultproxy import FaultProxy
from lifegate.resilience.lines import PROBE_PREFIX, LineReader

TIMEOUT = httpx.Timeout(10.0)
NORMAL_RATE = 5  # requests per second one client may send to the temporary installation
SIGN_INS_PER_MINUTE = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Installation:
    base_url: str
    env: dict[str, str]
    managed: bool = False  # True: this drill started it and may kill its processes
    home: Path | None = None
    port: int = 0
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    readers: dict[str, LineReader] = field(default_factory=dict)
    proxy: FaultProxy | None = None
    evidence_url: str = ""
    normal_rate: float = 0.0  # 0: not known (an installation the drill did not start)

    def lifegate(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - this program's own command
            [sys.executable, "-m", "lifegate.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a `lifegate` command that `drill_probe` can run for us (else a new process)."""
        if "probe" not in self.readers:
            return self.lifegate(*args)
        done = self.probe(*args)
        return subprocess.CompletedProcess(
            args, int(done["returncode"]), str(done["stdout"]), str(done["stderr"])
        )

    def client_address(self, number: int) -> str | None:
        """A loopback source address of its own for scenario `number` (own rate bucket).

        Only on loopback: another host would not route answers to 127.0.0.x."""
        host = urlsplit(self.base_url).hostname or ""
        return f"127.0.0.{10 + number}" if host in ("127.0.0.1", "localhost") else None

    def client(self, number: int = 0) -> httpx.Client:
        transport = httpx.HTTPTransport(local_address=self.client_address(number))
        return httpx.Client(transport=transport, timeout=TIMEOUT)

    def async_client(self, number: int, connections: int) -> httpx.AsyncClient:
        limits = httpx.Limits(max_connections=connections)
        transport = httpx.AsyncHTTPTransport(
            local_address=self.client_address(number), limits=limits
        )
        return httpx.AsyncClient(transport=transport, timeout=TIMEOUT)

    def probe(self, *args: str) -> Any:
        """Ask the database side (one long-lived process; a fresh one per call otherwise)."""
        session = self.readers.get("probe")
        if session is not None:
            self.tell("probe", json.dumps(args))
            answer = session.wait_for(lambda line: line.startswith(PROBE_PREFIX), 120)
            if answer is None:
                raise RuntimeError(f"drill_probe {args[0]} did not answer within 120s")
            line = answer[len(PROBE_PREFIX) :]
        else:
            result = self.lifegate("drill_probe", *args)
            if result.returncode != 0:
                raise RuntimeError(f"drill_probe {args[0]} failed: {result.stderr[-500:]}")
            line = result.stdout.strip().splitlines()[-1]
        reply = json.loads(line)
        if isinstance(reply, dict) and "error" in reply:
            raise RuntimeError(f"drill_probe {args[0]} failed: {reply['error']}")
        return reply

    def spawn(self, name: str, *args: str, talk: bool = False) -> subprocess.Popen[bytes]:
        """Start `lifegate ARGS` in a process group of its own; with `talk`, keep its pipes."""
        output: IO[bytes] | int
        if talk:
            output = subprocess.PIPE
        else:
            log = Path(self.env.get("LIFEGATE_DRILL_LOGS", os.devnull))
            output = (log / f"{name}.log" if log.is_dir() else log).open("ab")
        process = subprocess.Popen(  # noqa: S603 - this program's own command
            [sys.executable, "-m", "lifegate.cli", *args],
            env=self.env,
            stdin=subprocess.PIPE if talk else subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.DEVNULL if talk else output,
            start_new_session=True,
        )
        if not isinstance(output, int):
            output.close()
        self.processes[name] = process
        if talk and process.stdout is not None:
            self.readers[name] = LineReader(process.stdout)
        return process

    def tell(self, name: str, line: str) -> None:
        stdin = self.processes[name].stdin
        if stdin is None:
            raise RuntimeError(f"{name} was not started to talk to")
        stdin.write(line.encode() + b"\n")
        stdin.flush()

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Signal the process and every child of its group, and wait for it."""
        process = self.processes.pop(name)
        self.readers.pop(name, None)
        with contextlib.suppress(ProcessLookupError):  # already gone, with its group
            os.killpg(process.pid, sig)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        if process.stdin is not None:
            process.stdin.close()

    def start_server(self) -> None:
        self._wait_port_free()  # a killed server's forked worker may still be closing it
        self.spawn(
            "server", "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1"
        )

    def _wait_port_free(self, limit: float = 30) -> None:
        deadline = time.monotonic() + limit
        while True:
            with socket.socket() as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    probe.bind(("127.0.0.1", self.port))
                    return
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"port {self.port} still in use {limit:.0f}s after the kill"
                        ) from None
            time.sleep(0.05)

    def start_writer(self) -> None:
        """The drill's audit writer, started ahead: it writes once told `go`."""
        self.spawn("writer", "drill_probe", "write", "100000", "wait", talk=True)

    def wait_healthy(self, limit: float = 180) -> float:
        """Seconds until the health check answers 200 (raises after `limit`)."""
        started = time.perf_counter()
        server = self.processes.get("server")
        while time.perf_counter() - started < limit:
            if server is not None and server.poll() is not None:
                raise RuntimeError(
                    f"the web server stopped (exit {server.returncode}); "
                    "set LIFEGATE_DRILL_LOGS=DIR to keep its log"
                )
            try:
                if httpx.get(f"{self.base_url}/api/v1/health", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.base_url} did not become healthy within {limit:.0f}s")

    def stop(self) -> None:
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)
        if self.proxy is not None:
            self.proxy.stop()
        if self.home is not None:
            shutil.rmtree(self.home.parent, ignore_errors=True)


def existing(base_url: str) -> Installation:
    """A running installation; the drill shares its environment (DATABASE_URL, HOME)."""
    env = dict(os.environ)
    return Installation(
        base_url.rstrip("/"), env, evidence_url=env.get("LIFEGATE_EVIDENCE_PROVIDER_URL", "")
    )


def _temporary_env(home: Path, port: int, proxy_port: int) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("LIFEGATE_") and k != "DATABASE_URL"
    }
    env.update(
        {
            "LIFEGATE_HOME": str(home),
            "PYTHONUNBUFFERED": "1",
            "LIFEGATE_DRILL_LOGS": os.environ.get("LIFEGATE_DRILL_LOGS", os.devnull),
            "LIFEGATE_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "LIFEGATE_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LIFEGATE_EVIDENCE_PROVIDER_URL": f"http://127.0.0.1:{proxy_port}",
            "LIFEGATE_EVIDENCE_TIMEOUT_SECONDS": "2",
            "LIFEGATE_RATE_LIMIT_PER_SECOND": str(NORMAL_RATE),
            "LIFEGATE_RATE_LIMIT_BURST": str(NORMAL_RATE),
            "LIFEGATE_SIGNIN_ATTEMPTS_PER_MINUTE": str(SIGN_INS_PER_MINUTE),
            "LIFEGATE_DEBUG": "false",
        }
    )
    return env


def temporary(progress: Any) -> Installation:
    """Start a small installation on free ports with its own home, for the drill only."""
    home = Path(tempfile.mkdtemp(prefix="lifegate-drill-")) / "home"
    home.mkdir()
    port, evidence_port = free_port(), free_port()
    proxy = FaultProxy("127.0.0.1", evidence_port)
    proxy.start()
    site = Installation(
        f"http://127.0.0.1:{port}",
        _temporary_env(home, port, proxy.port),
        True,
        home,
        port,
        proxy=proxy,
        evidence_url=f"http://127.0.0.1:{proxy.port}",
        normal_rate=NORMAL_RATE,
    )
    progress(f"Starting a temporary installation in {home} on port {port} ...")
    try:
        site.spawn("evidence", "evidence_provider", "--port", str(evidence_port))
        migrated = site.lifegate("migrate", "--verbosity", "0", timeout=300)
        if migrated.returncode != 0:
            raise RuntimeError(f"migrate failed: {migrated.stderr.strip()[-500:]}")
        site.start_server()
        site.spawn("worker", "worker", "--interval", "0.1")
        site.spawn("probe", "drill_probe", "session", talk=True)
        site.start_writer()
        site.wait_healthy()
        site.probe("counts")  # the probe has started and reads the database
    except BaseException:
        site.stop()
        raise
    return site
