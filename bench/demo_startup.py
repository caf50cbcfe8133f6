# SPDX-License-Identifier: EUPL-1.2
"""How long `lifegate demo` takes to serve: first run (migrate + seed) and a restart.

Targets (issue 2): first run within 60 s, later runs within 10 s. Baseline measured in the
same run: the time for the Python interpreter to start and import Django, which no start-up
can beat. Run: `uv run python bench/demo_startup.py [--persons 10000]`.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _time_to_healthy(home: Path, persons: int) -> float:
    port = _port()
    env = {
        "LIFEGATE_HOME": str(home),
        "LIFEGATE_DEMO_PERSONS": str(persons),
        "PATH": "/usr/bin:/bin",
    }
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "lifegate.cli", "demo", "--port", str(port)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(
                    "lifegate demo stopped before it served; run it by hand to see why"
                )
            try:
                if (
                    httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code
                    == 200
                ):
                    return time.perf_counter() - started
            except httpx.TransportError:
                time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def _interpreter_baseline() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import django.core.handlers.wsgi"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=10_000)
    args = parser.parse_args()
    baseline = _interpreter_baseline()
    with tempfile.TemporaryDirectory() as folder:
        first = _time_to_healthy(Path(folder), args.persons)
        again = _time_to_healthy(Path(folder), args.persons)
    rows = [
        ("persons seeded", f"{args.persons:,}"),
        ("baseline (python + django)", f"{baseline:.2f} s"),
        (
            "first run to healthy",
            f"{first:.2f} s = {first / baseline:.1f}x baseline (target < 60 s)",
        ),
        ("restart to healthy", f"{again:.2f} s = {again / baseline:.1f}x baseline (target < 10 s)"),
    ]
    for label, value in rows:
        print(f"{label:<28} {value}")


if __name__ == "__main__":
    main()
