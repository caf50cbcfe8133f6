# SPDX-License-Identifier: EUPL-1.2
"""Run the OpenFisca YAML tests and say in plain words what passed and what did not.

The tests are the standard OpenFisca YAML format (`openfisca test` reads them too). This
runner does not start pytest, so it can run inside a command or a web request, and it
reports the file and line of each failing case and of any broken rule or parameter file.

    report = run_yaml_tests()
    print(report.summary("en"))
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.tools import assert_near

from lifegate.rules.rule_files import RuleFileError, RuleFileProblem


class _Loader(yaml.SafeLoader):
    """Dates stay strings, as OpenFisca's own loader keeps them."""


def _date_as_text(_loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_as_text)


@dataclass(frozen=True)
class CaseResult:
    """One YAML test case: where it is, its name, and why it failed (None when it passed)."""

    file: Path
    line: int
    name: str
    failure: str | None = None

    @property
    def passed(self) -> bool:
        return self.failure is None


@dataclass(frozen=True)
class YamlTestReport:
    cases: tuple[CaseResult, ...] = ()
    broken_files: tuple[RuleFileProblem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.broken_files and all(case.passed for case in self.cases)

    @property
    def failures(self) -> tuple[CaseResult, ...]:
        return tuple(case for case in self.cases if not case.passed)

    def summary(self, lang: str = "nl") -> str:
        """Plain words: one line per problem, then the count."""
        en = lang == "en"
        lines = [
            f"{'Broken rule file' if en else 'Fout in regelbestand'}: {problem}"
            for problem in self.broken_files
        ]
        for case in self.failures:
            where = f"{case.file.name}, {'line' if en else 'regel'} {case.line}"
            lines.append(
                f"{'Failed' if en else 'Mislukt'}: {where}: {case.name}\n    {case.failure}"
            )
        passed = len(self.cases) - len(self.failures)
        if en:
            lines.append(f"{passed} of {len(self.cases)} rule tests passed.")
        else:
            lines.append(f"{passed} van de {len(self.cases)} regeltests geslaagd.")
        return "\n".join(lines)


def _cases(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=_Loader)
    data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    if root is None:
        return
    nodes = root.value if isinstance(root, yaml.SequenceNode) else [root]
    items = data if isinstance(data, list) else [data]
    for node, item in zip(nodes, items, strict=True):
        yield int(node.start_mark.line) + 1, item


def _check_outputs(system: Any, case: Mapping[str, Any]) -> None:
    builder = SimulationBuilder()
    builder.set_default_period(str(case["period"]))
    simulation = builder.build_from_dict(system, dict(case["input"]))
    margin = case.get("absolute_error_margin")
    for variable, expected in case["output"].items():
        wanted = expected if isinstance(expected, dict) else {case["period"]: expected}
        for period, value in wanted.items():
            actual = simulation.calculate(variable, str(period))
            assert_near(actual, value, margin, f"{variable} in {period}: ")


def run_case(system: Any, path: Path, line: int, case: Mapping[str, Any]) -> CaseResult:
    name = str(case.get("name", f"test at line {line}"))
    try:
        _check_outputs(system, case)
    except AssertionError as error:
        return CaseResult(path, line, name, f"expected another value: {error}")
    except Exception as error:
        return CaseResult(path, line, name, f"{type(error).__name__}: {error}")
    return CaseResult(path, line, name)


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.yaml")) if path.is_dir() else [path])
    return found


def run_yaml_tests(
    paths: list[Path] | None = None, system: Any = None, *, parameters_dir: Path | None = None
) -> YamlTestReport:
    """Run every case in the YAML files (or folders) `paths`; the package's tests by default.

    Without a `system`, the rules are loaded (from `parameters_dir` when given) and a broken
    rule or parameter file is reported in `broken_files` instead of raised.
    """
    from lifegate.rules.rule_files import load_rules  # noqa: PLC0415 - reports import errors

    try:
        system = system if system is not None else load_rules(parameters_dir)
    except RuleFileError as error:
        return YamlTestReport(broken_files=error.problems)
    if paths is None:
        from lifegate.rules.openfisca_nl import TESTS_DIR  # noqa: PLC0415

        paths = [TESTS_DIR]
    results: list[CaseResult] = []
    broken: list[RuleFileProblem] = []
    for path in _files(paths):
        try:
            cases = list(_cases(path))
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            broken.append(
                RuleFileProblem(path, int(mark.line) + 1 if mark else 1, str(error.problem))
            )
            continue
        results.extend(run_case(system, path, line, case) for line, case in cases)
    return YamlTestReport(tuple(results), tuple(broken))
