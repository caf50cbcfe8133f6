# SPDX-License-Identifier: EUPL-1.2
"""`lifegate baseline` on a migrated, seeded installation: passes, and reports as JSON."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from django.core.management import call_command

from lifegate.baseline.measures import MEASURES, check_ids


@pytest.mark.slow
def test_the_baseline_passes_on_a_seeded_installation_and_maps_every_measure(population, tmp_path):
    output = tmp_path / "baseline.json"
    progress = io.StringIO()

    with contextlib.suppress(SystemExit):  # the report says which check failed: asserted below
        call_command(
            "baseline",
            "--format",
            "json",
            "--output",
            str(output),
            "--examples",
            "1",
            stderr=progress,
        )

    body = json.loads(output.read_text())
    statuses = {c["id"]: c["status"] for c in body["checks"]}
    assert body["passed"] is True, [c for c in body["checks"] if c["status"] == "fail"]
    assert set(statuses) == check_ids()
    assert statuses["routes.inventory"] == statuses["http.headers"] == "pass"
    assert statuses["tokens.negative"] == statuses["api.fuzz"] == "pass"
    fuzz = next(c for c in body["checks"] if c["id"] == "api.fuzz")
    roles = [line.split(" ")[0] for line in fuzz["evidence"] if "operations," in line]
    assert roles == ["anonymous", "citizen", "agency", "official"]  # one run per role
    assert statuses["authz.objects"] == statuses["auth.sign-in"] == "pass"
    assert len(body["measures"]) == len(MEASURES)
    assert [m for m in body["measures"] if m["status"] == "manual"]  # listed honestly
    assert "[13/13] logs.clean" in progress.getvalue()
    assert "baseline PASSED" in progress.getvalue()


def test_an_unknown_check_name_says_which_exist(db):
    with pytest.raises(Exception, match=r"unknown check nope; choose from routes\.inventory"):
        call_command("baseline", "--only", "nope")


def test_a_failing_check_makes_the_command_exit_non_zero(db, settings):
    settings.DEBUG = True  # http.headers fails on a debug installation

    with pytest.raises(SystemExit) as exited:
        call_command(
            "baseline", "--only", "http.headers", stdout=io.StringIO(), stderr=io.StringIO()
        )

    assert exited.value.code == 1
