# SPDX-License-Identifier: EUPL-1.2
"""pytest plugin: no log record of the test suite shows a BSN, token, private key or secret.

Registered in tests/conftest.py (`pytest_plugins`). A handler on the root logger (where
structlog's stdlib loggers and Django's end up) scans every record with the baseline's
detector (`lifegate.baseline.leaks`, the `logs.clean` check) as it is emitted. A leak fails
the test that caused it (its setup, call or teardown report), so it works the same under
pytest-xdist; records outside any test fail the session. Records of `lifegate` subprocesses
are not seen here (they go to the subprocess's own stderr).
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

from lifegate.baseline.leaks import leaks_in
from lifegate.baseline.logscan import home_secrets, line_of

_KEY = "lifegate_log_leaks"
# Loggers of test doubles from test-only packages, never part of an installation: the mock
# OpenID provider of tests/identity/test_interop.py logs the claims (a BSN) it hands out.
TEST_DOUBLES = frozenset({"oidc_provider_mock"})
_SHOWN = 5


class LeakWatch(logging.Handler):
    """Scans each record at once; keeps only what leaked, with the logger's name."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.pending: list[str] = []
        self.records = 0
        self._secrets: tuple[tuple[str, float], tuple[str, ...]] = (("", 0.0), ())

    def secrets(self) -> tuple[str, ...]:
        """The secrets of the current LIFEGATE_HOME, read again when its folder changes."""
        from django.conf import settings  # noqa: PLC0415 - pytest-django sets it up

        if not settings.configured:
            return ()
        home = Path(settings.HOME)
        folder = home / "secrets"
        stamp = (str(home), folder.stat().st_mtime if folder.is_dir() else 0.0)
        if stamp != self._secrets[0]:
            self._secrets = (stamp, tuple(home_secrets(home)))
        return self._secrets[1]

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in TEST_DOUBLES:
            return
        self.records += 1
        try:
            found = leaks_in(line_of(record), self.secrets())
        except Exception as error:  # a record we cannot read is itself worth a look
            found = [f"unreadable log record ({type(error).__name__})"]
        self.pending += [f"{record.name}: {leak}" for leak in found]

    def take(self) -> list[str]:
        taken, self.pending = self.pending, []
        return taken


WATCH = LeakWatch()
LEAKS_OUTSIDE = pytest.StashKey[list[str]]()


def _attached() -> None:
    root = logging.getLogger()
    if WATCH not in root.handlers:  # dictConfig (Django's LOGGING) replaces root's handlers
        root.addHandler(WATCH)


def _summary(leaks: list[str]) -> str:
    more = [f"… and {len(leaks) - _SHOWN} more"] if len(leaks) > _SHOWN else []
    return "\n".join(
        [
            "a log record showed personal data or a secret in clear (ASVS 7.1.1/7.1.2); "
            "log an id or a hash instead:",
            *leaks[:_SHOWN],
            *more,
        ]
    )


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _attached()
    session.config.stash.setdefault(LEAKS_OUTSIDE, [])


def pytest_runtest_setup(item: pytest.Item) -> None:
    _attached()
    item.config.stash[LEAKS_OUTSIDE] += WATCH.take()  # from between tests (module fixtures)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    leaks = WATCH.take()
    if leaks:
        report.outcome = "failed"
        report.longrepr = _summary(leaks)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    leaks = session.config.stash.get(LEAKS_OUTSIDE, []) + WATCH.take()
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: the controller reports them
        workeroutput[_KEY] = leaks
        return
    if leaks:
        session.config.stash[LEAKS_OUTSIDE] = leaks
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist controller: collect what each worker saw outside its tests."""
    leaks = getattr(node, "workeroutput", {}).get(_KEY, [])
    node.config.stash.setdefault(LEAKS_OUTSIDE, []).extend(leaks)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    leaks = config.stash.get(LEAKS_OUTSIDE, [])
    if leaks:
        terminalreporter.section("log leaks outside tests", red=True)
        terminalreporter.line(_summary(leaks))
