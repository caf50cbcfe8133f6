# SPDX-License-Identifier: EUPL-1.2
"""The PostgreSQL pass of the test command runs exactly the tests that reach a database."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import pytest

from tests.conftest import uses_database

TESTS = Path(__file__).resolve().parent.parent
READS_SERVER = re.compile(r'os\.environ(\.get\(|\[)"DATABASE_URL"')


class _Item:
    """The two things `uses_database` reads of a collected test."""

    def __init__(self, fixtures: tuple[str, ...], marks: tuple[str, ...]) -> None:
        self.fixturenames = list(fixtures)
        self.marks = marks

    def get_closest_marker(self, name: str) -> str | None:
        return name if name in self.marks else None


@pytest.mark.parametrize(
    ("fixtures", "marks", "reaches"),
    [
        ((), (), False),
        (("tmp_path", "today"), (), False),
        (("db",), (), True),
        (("tmp_path", "transactional_db"), (), True),
        (("live_server", "browser"), (), True),
        (("django_db_reset_sequences",), (), True),
        (("fresh_database",), (), True),  # a new database on the suite's server
        ((), ("django_db",), True),
        ((), ("database_server",), True),  # a subprocess given DATABASE_URL
        ((), ("slow", "browser"), False),
    ],
)
def test_a_test_reaches_a_database_through_a_fixture_or_a_mark(fixtures, marks, reaches):
    assert uses_database(cast(Any, _Item(fixtures, marks))) is reaches


def test_every_test_module_that_reads_the_servers_address_stays_in_the_postgresql_pass():
    """A test that hands DATABASE_URL to a subprocess reaches the server without a fixture."""
    readers = [
        path
        for path in sorted(TESTS.rglob("test_*.py"))
        if READS_SERVER.search(path.read_text(encoding="utf-8"))
    ]

    assert readers  # the kill test and the backup tests do
    for path in readers:
        text = path.read_text(encoding="utf-8")
        assert "pytest.mark.database_server" in text or "fresh_database" in text, path
