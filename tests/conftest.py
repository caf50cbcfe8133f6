# SPDX-License-Identifier: EUPL-1.2
"""Fixtures shared by every block's tests."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent

# Hypothesis's default 200 ms per example measures the machine, not the code: on a CI machine
# shared by two test workers and a browser, a pause of a few hundred ms is load, not a bug.
# Tests that check speed (a forgery refused quickly) say so with their own, looser, deadline.
settings.register_profile("lifegate", deadline=1000)
settings.load_profile("lifegate")

# Every log record of the suite is scanned for BSNs, tokens, keys and secrets (issue 12);
# one Chromium serves the browser tests of every directory.
pytest_plugins = ["tests.baseline.logleaks", "tests.browser.chromium"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def lifegate_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for a `lifegate` subprocess with its own home folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIFEGATE_")}
    env.pop("DATABASE_URL", None)
    env.update({"LIFEGATE_HOME": str(home), "PYTHONUNBUFFERED": "1", **extra})
    return env


def run_lifegate(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-m", "lifegate.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        check=False,
    )


# What reaches a database: Django's test database through these fixtures (or a `django_db`
# mark), or the suite's server through a subprocess (`database_server` mark, fresh_database).
_DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "fresh_database",
    }
)


def uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") or item.get_closest_marker("database_server"):
        return True
    return not _DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`LIFEGATE_TEST_DATABASE_ONLY=1` (the test command's PostgreSQL pass) keeps only the
    tests that reach a database: the SQLite pass already ran the others, whose outcome
    cannot depend on the database engine."""
    if os.environ.get("LIFEGATE_TEST_DATABASE_ONLY") != "1":
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        (kept if uses_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def today() -> dt.date:
    """Today in the installation's time zone (Europe/Amsterdam), as the code under test sees it."""
    return timezone.localdate()


@pytest.fixture
def lifegate_home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    yield home


@pytest.fixture(scope="session", autouse=True)
def _flushes_lift_append_only_guards() -> Iterator[None]:
    """A test database flush may empty the append-only ledger and processing log.

    Any transactional test can write ledger entries without knowing it (every refused
    request is audited there, issue 12). On SQLite the flush after such a test deletes
    rows, which the guard refuses; the flush lifts the guards first, and puts them back
    through `post_migrate` as it always does. Tests of the guard itself are unaffected.
    """
    from django.core.management.commands import flush  # noqa: PLC0415 - after Django setup

    from tests.ledger.guard import lift_guard  # noqa: PLC0415

    original = flush.Command.handle

    def handle(self: flush.Command, **options: Any) -> None:
        lift_guard()
        original(self, **options)

    flush.Command.handle = handle  # type: ignore[method-assign]
    yield
    flush.Command.handle = original  # type: ignore[method-assign]
