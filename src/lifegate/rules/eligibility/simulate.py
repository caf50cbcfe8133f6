# SPDX-License-Identifier: EUPL-1.2
"""Build one OpenFisca simulation for a household from arrays (no situation dictionary).

Only known facts are set. An unknown fact leaves OpenFisca's default in place, and every
result that depends on it is reported as unknown by the evaluation, never used.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import DateUnit
from openfisca_core.simulation_builder import SimulationBuilder

from lifegate.rules.eligibility.lean import lean
from lifegate.rules.eligibility.situation import Situation
from lifegate.rules.eligibility.trace import ExplanationTracer, parsed_period
from lifegate.rules.eligibility.unit import Unit

# OpenFisca input variable -> (situation field, period kind): "eternity", "year"
PERSON_INPUTS: dict[str, tuple[str, str]] = {
    "geboortedatum": ("birth_date", "eternity"),
    "jaarinkomen": ("yearly_income", "year"),
    "vermogen": ("assets", "year"),
    "zorgverzekerd": ("health_insured", "year"),
    "woont_in_nederland": ("resident", "year"),
    "ingeschreven_hoger_onderwijs": ("enrolled_higher_education", "year"),
    "woont_bij_ouders": ("lives_with_parents", "year"),
}
HOME_INPUTS: dict[str, str] = {"huurwoning": "rented", "huur": "monthly_rent"}
INPUT_FIELDS = {**{v: f for v, (f, _) in PERSON_INPUTS.items()}, **HOME_INPUTS}


def _periods(kind: str, years: list[int]) -> list[str]:
    return ["ETERNITY"] if kind == "eternity" else [str(year) for year in years]


@cache
def _months(year: str) -> tuple[Any, ...]:
    return tuple(parsed_period(f"{year}-{month:02d}") for month in range(1, 13))


def _set_input(simulation: Any, name: str, period_text: str, values: Any) -> None:
    """`simulation.set_input`. A monthly input given for a year is put in each of its months
    directly: what OpenFisca's `set_input_dispatch_by_period` does on a new simulation (no
    month set yet), without its date arithmetic (a tenth of a household's evaluation).
    `tests/rules/test_eligibility_lean.py` checks the values against OpenFisca's own path."""
    variable = simulation.tax_benefit_system.variables[name]
    period = parsed_period(period_text)
    if not (
        variable.set_input is set_input_dispatch_by_period
        and variable.definition_period == DateUnit.MONTH
        and period.unit == DateUnit.YEAR
        and variable.end is None
        and not variable.is_neutralized
    ):
        simulation.set_input(name, period, values)
        return
    holder = simulation.get_holder(name)
    if any(holder.get_array(month) is not None for month in _months(period_text)):
        simulation.set_input(name, period, values)  # OpenFisca keeps the months already set
        return
    array = holder._to_array(values)  # the conversion set_input makes
    if holder._on_disk_storable:  # OpenFisca decides per month whether memory is full
        for month in _months(period_text):
            holder._set(month, array)  # what the dispatch does for each month
        return
    # What `_set` does for a checked array and a month of a monthly variable: keep it in
    # memory under that month (twelve calls of `_set` were a twentieth of an evaluation).
    holder._memory_storage._arrays.update(dict.fromkeys(_months(period_text), array))


def _person_inputs(simulation: Any, unit: Unit, years: list[int]) -> None:
    for variable, (field, kind) in PERSON_INPUTS.items():
        facts = [getattr(person, field) for person in unit.members]
        if all(fact is None for fact in facts):
            continue
        holder = simulation.tax_benefit_system.variables[variable]
        values = holder.default_array(len(facts))
        for index, fact in enumerate(facts):
            if fact is not None:
                values[index] = np.datetime64(fact.value, "D") if kind == "eternity" else fact.value
        for period in _periods(kind, years):
            _set_input(simulation, variable, period, values)


def _home_inputs(simulation: Any, situation: Situation, years: list[int]) -> None:
    for variable, field in HOME_INPUTS.items():
        fact = getattr(situation.home, field)
        if fact is not None:
            for year in years:
                _set_input(simulation, variable, str(year), np.array([fact.value]))


def build_simulation(system: Any, situation: Situation, unit: Unit, years: list[int]) -> Any:
    """A traced simulation of `unit` with every known fact set for `years`."""
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("persoon", [person.id for person in unit.members])
    household = builder.declare_entity("huishouden", ["huishouden"])
    roles = ["ouder"] * len(unit.parents) + ["kind"] * len(unit.children)
    builder.join_with_persons(household, ["huishouden"] * len(roles), roles)
    simulation = lean(builder.build(system))
    simulation.trace = True  # formulas read parameters through OpenFisca's tracing nodes
    simulation.tracer = ExplanationTracer()  # ... recorded only as the explanation needs them
    _person_inputs(simulation, unit, years)
    _home_inputs(simulation, situation, years)
    return simulation


def years_for(months: list[dt.date]) -> list[int]:
    return sorted({month.year for month in months})
