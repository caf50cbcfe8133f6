# SPDX-License-Identifier: EUPL-1.2
"""The lean simulation and the bulk value conversion give exactly what OpenFisca's own do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lifegate.rules.eligibility import Situation
from lifegate.rules.eligibility import simulate as simulate_module
from lifegate.rules.eligibility.catalog import SERVICES
from lifegate.rules.eligibility.lean import LeanSimulation
from lifegate.rules.eligibility.simulate import INPUT_FIELDS, build_simulation
from lifegate.rules.eligibility.trace import parsed_period
from lifegate.rules.eligibility.tree import python_value, python_values
from lifegate.rules.eligibility.unit import benefit_unit
from lifegate.rules.openfisca_nl import tax_benefit_system
from tests.rules.personas import DEMO_DAY, jan, kees, lucia, sanne_household

PERSONAS: dict[str, Callable[[], Situation]] = {
    "sanne": sanne_household,
    "noor": lambda: sanne_household("noor"),
    "lucia": lucia,
    "jan": jan,
    "kees": kees,
}
MONTHS = ("2025-01", "2025-07", "2025-08", "2025-10", "2025-12", "2026-01", "2026-12")


def _openfisca_set_input(simulation: Any, name: str, period_text: str, values: Any) -> None:
    simulation.set_input(name, parsed_period(period_text), values)


def _simulation(situation: Situation, *, lean: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    if not lean:  # the same simulation as OpenFisca builds it and sets its inputs
        monkeypatch.setattr(simulate_module, "lean", lambda simulation: simulation)
        monkeypatch.setattr(simulate_module, "_set_input", _openfisca_set_input)
    simulation = build_simulation(
        tax_benefit_system(), situation, benefit_unit(situation, DEMO_DAY), [2025, 2026]
    )
    monkeypatch.undo()
    return simulation


def _every_value(simulation: Any) -> dict[str, list[Any]]:
    """Every step of every service in seven months, and every value those computed on the way."""
    for rule in SERVICES:
        names = [step.variable for step in (*rule.conditions, rule.amount)]
        names += [name for name in (rule.count_variable, rule.start_variable) if name]
        for month in MONTHS:
            for name in names:
                simulation.calculate(name, parsed_period(month))
    return {key: entry["value"].tolist() for key, entry in simulation.tracer.trace.items()}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_lean_simulation_computes_what_openfisca_computes(
    persona: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = _simulation(PERSONAS[persona](), lean=False, monkeypatch=monkeypatch)
    lean = _simulation(PERSONAS[persona](), lean=True, monkeypatch=monkeypatch)
    assert type(plain) is not LeanSimulation and type(lean) is LeanSimulation
    computed = _every_value(lean)
    assert len(computed) > 20
    assert computed == _every_value(plain)
    # read a second time, from the cache the first reads filled: the same again
    assert _every_value(lean) == computed


def test_a_lean_simulation_refuses_a_period_that_does_not_suit_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lean = _simulation(jan(), lean=True, monkeypatch=monkeypatch)
    with pytest.raises(ValueError, match="whole month"):
        lean.calculate("zorgtoeslag", parsed_period("2025"))


def test_values_deleted_from_a_lean_simulation_are_computed_again_from_new_inputs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lean = _simulation(jan(), lean=True, monkeypatch=monkeypatch)
    july = parsed_period("2025-07")
    assert lean.calculate("zorgtoeslag", july)[0] > 0  # Jan's income is EUR 19,000
    for name in lean.tax_benefit_system.variables:
        if name not in INPUT_FIELDS:  # every computed value (deleting replaces the storage)
            lean.delete_arrays(name)
    lean.delete_arrays("jaarinkomen")
    lean.set_input("jaarinkomen", parsed_period("2025"), np.array([90_000.0]))
    assert lean.calculate("zorgtoeslag", july)[0] == 0  # far above the income limit


_ARRAYS = st.one_of(
    hnp.arrays(np.float32, st.integers(1, 5), elements=st.floats(-1e6, 1e6, width=32)),
    hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(-1e9, 1e9)),
    hnp.arrays(np.int32, st.integers(1, 5)),
    hnp.arrays(np.int16, st.integers(1, 5)),
    hnp.arrays(np.bool_, st.integers(1, 5)),
    st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), min_size=1, max_size=5).map(
        lambda days: np.array(days, dtype="datetime64[D]")
    ),
)


@given(_ARRAYS)
def test_values_converted_in_one_pass_equal_those_converted_one_by_one(values: Any) -> None:
    one_by_one = [python_value(value) for value in values]
    in_one_pass = python_values(values)
    assert in_one_pass == one_by_one
    assert [type(value) for value in in_one_pass] == [type(value) for value in one_by_one]


def test_an_unknown_date_converts_to_none_in_one_pass_too() -> None:
    values = np.array(["2025-07-01", "NaT"], dtype="datetime64[D]")
    assert python_values(values) == [dt.date(2025, 7, 1), None] == [python_value(v) for v in values]
