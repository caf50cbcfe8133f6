# SPDX-License-Identifier: EUPL-1.2
"""The policy officers' YAML tests pass, and a broken rule file is reported by file and line."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl import (
    PARAMETERS_DIR,
    TESTS_DIR,
    DutchTaxBenefitSystem,
    tax_benefit_system,
)
from lifegate.rules.openfisca_nl.entities import Persoon
from lifegate.rules.openfisca_nl.variables.base import Regel
from lifegate.rules.rule_files import RuleFileError, class_location, code_location
from lifegate.rules.yaml_tests import run_yaml_tests

YAML_FILES = sorted(TESTS_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda path: path.stem)
def test_every_yaml_case_passes(path: Path) -> None:
    report = run_yaml_tests([path], tax_benefit_system())

    assert report.cases, f"{path.name} has no cases"
    assert report.ok, report.summary("en")


def test_the_yaml_tests_cover_every_rule_file() -> None:
    assert {path.stem for path in YAML_FILES} == {
        path.stem for path in PARAMETERS_DIR.glob("*.yaml")
    } - {"toeslagen"}


def test_a_failing_case_is_reported_with_its_file_line_and_name(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = (TESTS_DIR / "kinderbijslag.yaml").read_text(encoding="utf-8")
    broken.write_text(
        text.replace("kinderbijslag: 1043.49", "kinderbijslag: 1043.50"), encoding="utf-8"
    )

    report = run_yaml_tests([broken], tax_benefit_system())

    assert not report.ok
    [failure] = report.failures
    assert failure.line == 6
    assert "1043.5" in report.summary("en")
    assert "broken.yaml, line 6" in report.summary("en")
    assert "broken.yaml, regel 6" in report.summary("nl")


def test_a_yaml_syntax_error_in_a_test_file_names_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "syntax.yaml"
    broken.write_text("- name: x\n  period: 2025-07\n  input: [unclosed\n", encoding="utf-8")

    report = run_yaml_tests([broken], tax_benefit_system())

    [problem] = report.broken_files
    assert problem.file == broken
    assert problem.line == 4


@pytest.mark.parametrize(
    ("original", "replacement", "line", "words"),
    [
        (
            "    values:\n      2025-01-01: 286.45",
            "    valeus:\n      2025-01-01: 286.45",
            18,
            "not a name",
        ),
        ("      2025-01-01: 347.83", "      2025-01-01: veel", 28, "not a number"),
        ("      2025-01-01: 409.21", "      2025-13-01: 409.21", 38, "not a date"),
        (
            "    reference: https://wetten.overheid.nl/jci1.3:c:BWBR0002368&artikel=7\n",
            "",
            64,
            "no reference",
        ),
        ("  leeftijd_0_tot_6:\n", "  leeftijd_0_tot_6:\n   bad: [\n", 12, "not valid YAML"),
    ],
)
def test_a_broken_parameter_file_is_reported_by_file_and_line(
    tmp_path: Path, original: str, replacement: str, line: int, words: str
) -> None:
    shutil.copytree(PARAMETERS_DIR, tmp_path / "parameters")
    path = tmp_path / "parameters" / "kinderbijslag.yaml"
    text = path.read_text(encoding="utf-8")
    assert original in text
    path.write_text(text.replace(original, replacement, 1), encoding="utf-8")

    with pytest.raises(RuleFileError) as raised:
        DutchTaxBenefitSystem(tmp_path / "parameters")

    [problem] = raised.value.problems
    assert (problem.file.name, problem.line) == ("kinderbijslag.yaml", line)
    assert words in problem.message


def test_a_broken_parameter_file_is_reported_by_the_test_runner(tmp_path: Path) -> None:
    shutil.copytree(PARAMETERS_DIR, tmp_path / "parameters")
    path = tmp_path / "parameters" / "zorgtoeslag.yaml"
    text = path.read_text(encoding="utf-8").replace("2025-01-01: 0.1367", "2025-01-01: x")
    path.write_text(text, encoding="utf-8")

    report = run_yaml_tests([TESTS_DIR], parameters_dir=tmp_path / "parameters")

    assert not report.ok
    assert "zorgtoeslag.yaml, line 72: the value for 2025-01-01 is not a number" in report.summary(
        "en"
    )
    assert report.summary("nl").startswith("Fout in regelbestand")


def test_a_rule_without_an_english_label_or_a_reference_is_refused_where_it_is_defined() -> None:
    with pytest.raises(TypeError, match="label_en"):

        class zonder_engels(Regel):  # noqa: N801 - OpenFisca style
            value_type = float
            entity = Persoon
            definition_period = DateUnit.MONTH
            label = "Zonder Engels label"
            reference = "https://wetten.overheid.nl/jci1.3:c:BWBR0002368"

    with pytest.raises(TypeError, match="reference"):

        class zonder_wet(Regel):  # noqa: N801 - OpenFisca style
            value_type = float
            entity = Persoon
            definition_period = DateUnit.MONTH
            label = "Zonder wet"
            label_en = "Without law"


def test_a_failing_variable_definition_is_located_at_its_class() -> None:
    class kapot(Regel):  # noqa: N801 - OpenFisca style
        value_type = "geen type"
        entity = Persoon
        definition_period = DateUnit.MONTH
        label = "Kapot"
        label_en = "Broken"
        reference = "https://wetten.overheid.nl/jci1.3:c:BWBR0002368"

    problem = class_location(kapot, "bad value_type")

    assert problem.file == Path(__file__)
    assert problem.line == inspect.getsourcelines(kapot)[1]


def test_an_error_raised_in_a_rule_module_is_located_at_its_line() -> None:
    package = Path(__file__).resolve().parent
    try:
        raise ValueError("bad formula")  # the line reported
    except ValueError as error:
        problem = code_location(error, package)

    assert problem.file == Path(__file__)
    assert "bad formula" in problem.message
