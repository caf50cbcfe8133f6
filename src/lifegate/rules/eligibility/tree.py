# SPDX-License-Identifier: EUPL-1.2
"""Build explanation trees from an OpenFisca trace: every rule checked, its values, the law.

The trace records which variables each formula read and which parameters; inputs are shown
with the source of each value from the situation.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache, reduce
from typing import Any

import numpy as np

from lifegate.rules.eligibility.result import Explanation, Outcome, ParameterUsed, Text, ValueUsed
from lifegate.rules.eligibility.simulate import HOME_INPUTS, INPUT_FIELDS
from lifegate.rules.eligibility.situation import Situation
from lifegate.rules.eligibility.unit import Unit
from lifegate.rules.openfisca_nl import LABELS_EN

Scalar = bool | int | float | dt.date | None


def python_value(value: Any) -> Scalar:
    """A numpy scalar as a plain Python value (money rounded to cents, NaT as None)."""
    if isinstance(value, np.datetime64):
        return (
            None if np.isnat(value) else dt.date.fromisoformat(str(value.astype("datetime64[D]")))
        )
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    return round(float(value), 2)


def python_values(values: Any) -> list[Scalar]:
    """`python_value` of each element of a numpy array, converted in one pass by numpy."""
    if values.dtype.kind == "M":  # dates: tolist() gives datetime.date (NaT: None) for days
        return list(values.astype("datetime64[D]").tolist())
    plain = values.tolist()
    if values.dtype.kind == "f":
        return [round(value, 2) for value in plain]
    return list(plain)  # bool, int (and enum indices) as Python's own


@lru_cache(maxsize=1024)  # per system and variable: the texts do not change while it runs
def variable_text(system: Any, name: str) -> tuple[Text, str]:
    variable = system.variables[name]
    reference = variable.reference[0] if variable.reference else ""
    return Text(variable.label, LABELS_EN[name]), reference


@lru_cache(maxsize=1024)  # per system and variable, like `variable_text`
def _per_person(system: Any, name: str) -> bool:
    """Whether the variable has a value per person (else one for the household)."""
    return bool(system.variables[name].entity.key == "persoon")


def parameter_used(system: Any, key: str, value: Any) -> ParameterUsed:
    """The parameter `name<instant>` with its value, texts and law (shared per process)."""
    try:
        return _parameter_used(system, key, value)
    except TypeError:  # an unhashable value (an array of a vectorial parameter)
        return _parameter_used.__wrapped__(system, key, value)


@lru_cache(maxsize=4096)
def _parameter_used(system: Any, key: str, value: Any) -> ParameterUsed:
    name, _, rest = key.partition("<")
    instant = rest.rstrip(">")
    parameter = reduce(getattr, name.split("."), system.parameters)
    at = next((v for v in parameter.values_list if v.instant_str <= instant), None)
    metadata = {**parameter.metadata, **(at.metadata if at is not None else {})}
    label = Text(parameter.description or name, metadata.get("description_en", name))
    number = value if isinstance(value, int | float | bool) else float(value)
    return ParameterUsed(
        name, number, label, str(metadata.get("reference", "")), bool(metadata.get("illustrative"))
    )


class TreeBuilder:
    """Explanation nodes for one simulation of one household (memoised by trace key)."""

    def __init__(self, system: Any, trace: dict[str, Any], situation: Situation, unit: Unit):
        self.system, self.trace, self.situation, self.unit = system, trace, situation, unit
        self._nodes: dict[str, Explanation] = {}

    def values(self, name: str, raw: Any) -> tuple[ValueUsed, ...]:
        if name in HOME_INPUTS:
            fact = getattr(self.situation.home, HOME_INPUTS[name])
            return (ValueUsed(None, None if fact is None else fact.value, fact and fact.source),)
        plain = python_values(raw)
        if not _per_person(self.system, name):
            return (ValueUsed(None, plain[0], None),)
        field = INPUT_FIELDS.get(name)
        used = []
        for person, value in zip(self.unit.members, plain, strict=True):
            fact = getattr(person, field) if field else None
            if field and fact is None:
                used.append(ValueUsed(person.id, None, None))
            else:
                used.append(ValueUsed(person.id, value, fact and fact.source))
        return tuple(used)

    def node(self, key: str) -> Explanation:
        if key not in self._nodes:
            self._nodes[key] = self._build(key)
        return self._nodes[key]

    def _build(self, key: str) -> Explanation:
        entry = self.trace[key]
        name, _, period = key.partition("<")
        label, reference = variable_text(self.system, name)
        parameters = tuple(
            parameter_used(self.system, k, v) for k, v in entry["parameters"].items()
        )
        children = tuple(
            self.node(dependency) for dependency in dict.fromkeys(entry["dependencies"])
        )
        values = self.values(name, entry["value"])
        unknown = name in INPUT_FIELDS and all(value.value is None for value in values)
        outcome = Outcome.UNKNOWN if unknown else Outcome.VALUE
        return Explanation(
            name, period.rstrip(">"), label, reference, outcome, values, parameters, children
        )

    def step(self, name: str, period: str, outcome: Outcome, index: int | None) -> Explanation:
        """A top-level step: only the subject's (or the household's) value, and its outcome."""
        full = self.node(f"{name}<{period}>")
        values = full.values if index is None or len(full.values) == 1 else (full.values[index],)
        return Explanation(
            name,
            full.period,
            full.label,
            full.reference,
            outcome,
            values,
            full.parameters,
            full.children,
        )
