# SPDX-License-Identifier: EUPL-1.2
"""A broken rule file stops start-up and `lifegate rules test` with its file and line."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lifegate.cli import _explain
from lifegate.rules.openfisca_nl import PARAMETERS_DIR
from lifegate.rules.startup import BrokenRulesError, check_rules


@pytest.fixture
def broken_parameters(tmp_path: Path) -> Path:
    folder = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_DIR, folder)
    path = folder / "kinderbijslag.yaml"
    path.write_text(path.read_text().replace("values:", "valeus:", 1))
    return folder


def test_the_packaged_rules_load() -> None:
    check_rules()


def test_a_broken_parameter_file_stops_start_up_in_one_line_with_file_and_line(
    broken_parameters: Path,
) -> None:
    with pytest.raises(BrokenRulesError) as caught:
        check_rules(broken_parameters)

    message = _explain(caught.value)
    assert "\n" not in message
    assert "kinderbijslag.yaml, line " in message


def test_rules_test_reports_in_plain_words() -> None:
    out = io.StringIO()

    call_command("rules", "test", stdout=out)

    assert "rule tests passed" in out.getvalue()


def test_rules_test_fails_with_the_file_and_line_of_a_broken_file(broken_parameters: Path) -> None:
    out = io.StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("rules", "test", "--parameters", str(broken_parameters), stdout=out)

    assert caught.value.returncode == 1
    assert "kinderbijslag.yaml, line " in out.getvalue()
