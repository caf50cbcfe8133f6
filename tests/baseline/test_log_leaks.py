# SPDX-License-Identifier: EUPL-1.2
"""The suite-wide log scan fails the test whose log shows a BSN, a token or a key."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LEAKY = """
import logging

import structlog

BSN = "111222333"  # passes the eleven-test


def test_clean():
    logging.getLogger("clean").warning("case %s decided", "123456789")  # fails the 11-test


def test_stdlib_bsn():
    logging.getLogger("leaky").warning("moved bsn=%s", BSN)


def test_structlog_token():
    structlog.get_logger("leaky").info("called", header="Bearer " + "a" * 40)


def test_private_key():
    logging.getLogger("leaky").error("key -----BEGIN EC PRIVATE KEY----- ...")
"""


PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "tests.baseline.logleaks", "-p"]
PYTEST += ["no:cacheprovider", "-W", "error"]


def _run(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_leaky.py").write_text(LEAKY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "LIFEGATE_HOME": str(tmp_path / "home")}
    env["DJANGO_SETTINGS_MODULE"] = "lifegate.config.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter
        [*PYTEST, *extra, str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_each_leaking_test_fails_and_a_clean_one_passes(tmp_path, workers):
    result = _run(tmp_path, *workers)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 failed, 1 passed" in result.stdout, result.stdout
    assert "leaky: BSN-like number" in result.stdout
    assert "leaky: bearer token" in result.stdout
    assert "leaky: private key" in result.stdout


def test_a_record_is_read_whole_and_hashes_and_decimals_are_not_bsns():
    from tests.baseline.logleaks import LeakWatch  # noqa: PLC0415

    watch = LeakWatch()
    for message, args in [
        ("hash %s", ("a3f111222333b",)),
        ("took %s s", ("0.111222333",)),
        ("id %s", ("550e8400-e29b-41d4-a716-446655440000",)),
        ("for %s", ("111222333",)),
    ]:
        watch.emit(logging.makeLogRecord({"name": "t", "msg": message, "args": args}))

    assert [leak.split(" in:")[0] for leak in watch.take()] == [
        "t: BSN-like number (passes the eleven-test)"
    ]
    assert watch.take() == []
