# SPDX-License-Identifier: EUPL-1.2
"""Load the rules and say which file and line is wrong when they cannot be loaded.

OpenFisca accepts a misspelt key in a parameter file silently (`valeus:` becomes a group),
so every parameter file is checked here first: each parameter has a Dutch description, a
reference to wetten.overheid.nl, metadata with an English description, its source, a unit
and `illustrative`, and dated numeric values. A rule module that fails to import or to
define a variable is reported at the line of the failing code.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

COMMON_KEYS = frozenset({"description", "metadata", "reference", "documentation"})
PARAMETER_KEYS = COMMON_KEYS | {"values", "unit"}
METADATA_KEYS = ("description_en", "source", "unit", "illustrative")
LEGAL_LINK = re.compile(r"^https://wetten\.overheid\.nl/\S+$")
NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
TaxBenefitSystemLike = Any  # openfisca_core has no type stubs


@dataclass(frozen=True)
class RuleFileProblem:
    """One problem in a rule or parameter file, at a 1-based line."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


class RuleFileError(Exception):
    """The rules cannot be loaded; `problems` says where and why."""

    def __init__(self, problems: list[RuleFileProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in problems))


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(key.value): (key, value) for key, value in node.value}


def _is_parameter(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode) and "values" in _mapping(node)


def _check_values(path: Path, node: yaml.Node) -> Iterator[RuleFileProblem]:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        yield RuleFileProblem(path, _line(node), "`values` must map dates to values")
        return
    for key, value in node.value:
        try:
            dt.date.fromisoformat(str(key.value))
        except ValueError:
            yield RuleFileProblem(path, _line(key), f"{key.value!r} is not a date (YYYY-MM-DD)")
        number = (
            _mapping(value).get("value", (value, value))[1]
            if isinstance(value, yaml.MappingNode)
            else value
        )
        if not (isinstance(number, yaml.ScalarNode) and _is_number(number.value)):
            yield RuleFileProblem(path, _line(number), f"the value for {key.value} is not a number")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return text in ("true", "false")
    return True


def _check_parameter(path: Path, name: str, node: yaml.Node) -> Iterator[RuleFileProblem]:
    fields = _mapping(node)
    for key, (key_node, _) in fields.items():
        if key not in PARAMETER_KEYS:
            yield RuleFileProblem(path, _line(key_node), f"{name}: unknown key {key!r}")
    if "description" not in fields:
        yield RuleFileProblem(path, _line(node), f"{name}: no description (Dutch)")
    reference = fields.get("reference", (node, None))[1]
    if reference is None or not LEGAL_LINK.match(str(reference.value)):
        yield RuleFileProblem(path, _line(node), f"{name}: no reference to wetten.overheid.nl")
    metadata = fields.get("metadata")
    present = (
        _mapping(metadata[1]) if metadata and isinstance(metadata[1], yaml.MappingNode) else {}
    )
    for key in METADATA_KEYS:
        if key not in present:
            yield RuleFileProblem(path, _line(node), f"{name}: metadata has no {key}")
    yield from _check_values(path, fields["values"][1])


def _check_node(path: Path, name: str, node: yaml.Node) -> Iterator[RuleFileProblem]:
    if not isinstance(node, yaml.MappingNode):
        yield RuleFileProblem(path, _line(node), f"{name}: expected a parameter or a group")
        return
    if _is_parameter(node):
        yield from _check_parameter(path, name, node)
        return
    for key, (key_node, child) in _mapping(node).items():
        if key in COMMON_KEYS:
            continue
        if not NAME.match(key):
            hint = " (a date outside `values:`? check the spelling of `values`)"
            yield RuleFileProblem(path, _line(key_node), f"{name}: {key!r} is not a name{hint}")
            continue
        yield from _check_node(path, f"{name}.{key}" if name else key, child)


def check_parameter_files(folder: Path) -> list[RuleFileProblem]:
    """Every problem in the parameter files under `folder` (empty when they are sound)."""
    problems: list[RuleFileProblem] = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = int(mark.line) + 1 if mark is not None else 1
            problems.append(RuleFileProblem(path, line, f"not valid YAML: {error.problem}"))
            continue
        if root is None:
            problems.append(RuleFileProblem(path, 1, "the file is empty"))
            continue
        problems.extend(_check_node(path, path.stem, root))
    return problems


def code_location(error: BaseException, package_dir: Path) -> RuleFileProblem:
    """Where in the rule modules under `package_dir` an exception comes from."""
    if isinstance(error, SyntaxError) and error.filename:
        return RuleFileProblem(Path(error.filename), error.lineno or 1, str(error.msg))
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(package_dir)
    ]
    if frames:
        return RuleFileProblem(Path(frames[-1].filename), frames[-1].lineno or 1, str(error))
    return RuleFileProblem(package_dir, 1, f"{type(error).__name__}: {error}")


def class_location(cls: type, message: str) -> RuleFileProblem:
    """The file and line where a rule class is defined."""
    _, line = inspect.getsourcelines(cls)
    return RuleFileProblem(Path(inspect.getfile(cls)), line, message)


def load_rules(parameters_dir: Path | None = None) -> TaxBenefitSystemLike:
    """A fresh tax-benefit system; `RuleFileError` with file and line if a rule file is wrong.

    Call it at start-up (the `rules` app's `ready()`) to fail early with a useful message.
    """
    package_dir = Path(__file__).resolve().parent / "openfisca_nl"
    try:
        package = importlib.import_module("lifegate.rules.openfisca_nl")
    except Exception as error:
        raise RuleFileError([code_location(error, package_dir)]) from error
    system: TaxBenefitSystemLike = package.DutchTaxBenefitSystem(
        parameters_dir or package.PARAMETERS_DIR
    )
    return system
