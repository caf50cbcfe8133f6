# SPDX-License-Identifier: EUPL-1.2
"""`lifegate demo` opens the journeys of the seed's registry events, once."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import lifegate_env, run_lifegate

pytestmark = pytest.mark.slow


def _birth_journeys(home) -> list[str]:
    """The persona (or "" for anyone else) of each birth journey."""
    query = (
        "SELECT p.persona FROM cases_journey j JOIN demo_person p ON p.person_id = j.person_id "
        "WHERE j.event = 'birth' ORDER BY p.persona"
    )
    with sqlite3.connect(home / "lifegate.sqlite3") as db:
        return [row[0] for row in db.execute(query)]


def test_the_demo_opens_sanne_and_daans_birth_journeys_at_start_and_not_twice(lifegate_home):
    env = lifegate_env(lifegate_home, LIFEGATE_DEMO_PERSONS="400")

    first = run_lifegate(["demo", "--no-serve"], env, timeout=300)
    births = _birth_journeys(lifegate_home)
    second = run_lifegate(["demo", "--no-serve"], env, timeout=300)

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "journeys of registry events opened" in first.stdout
    assert {"sanne-de-vries", "daan-de-vries"} <= set(births)
    assert _birth_journeys(lifegate_home) == births
