# SPDX-License-Identifier: EUPL-1.2
"""OpenFisca's `Simulation`, with the look-ups it repeats on every read done once.

A household's evaluation makes about a hundred reads of some forty variables. On each,
OpenFisca looks the variable up in the system three times, finds its population and holder,
and finds the formula for the period in a sorted dict. `LeanSimulation` keeps the variable,
population and holder of each name for the simulation, and the formula of each variable
and period start for the process (variables do not change while the system lives). Every
check stays: the period's consistency, cycles and spirals, the cast of a formula's result,
the cache. The rules and their results are OpenFisca's (`tests/rules` checks both).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.errors import SpiralError, VariableNotFoundError
from openfisca_core.parameters import (
    ALLOWED_PARAM_TYPES,
    ParameterNodeAtInstant,
    VectorialParameterNodeAtInstant,
)
from openfisca_core.simulations import Simulation

_FORMULAS: dict[tuple[int, Any], Any] = {}


_NODES = (ParameterNodeAtInstant, VectorialParameterNodeAtInstant)
_VALUES = (np.ndarray, *ALLOWED_PARAM_TYPES)


class TracedParameters:
    """OpenFisca's `TracingParameterNodeAtInstant` (the same records), with less work per read."""

    __slots__ = ("_node", "_record")

    def __init__(self, node: Any, record: Any) -> None:
        self._node, self._record = node, record

    def __getattr__(self, key: str) -> Any:
        return self._traced(getattr(self._node, key), key)

    def __getitem__(self, key: Any) -> Any:
        return self._traced(self._node[key], key)

    def __contains__(self, key: Any) -> bool:
        return key in self._node

    def __iter__(self) -> Any:
        return iter(self._node)

    def _traced(self, child: Any, key: Any) -> Any:
        node = self._node
        if isinstance(child, _NODES):
            return TracedParameters(child, self._record)
        if isinstance(child, _VALUES):
            # a vectorial read (rate[status].zone1) is named after its parent node, as there
            vectorial = not isinstance(key, str) or isinstance(node, _NODES[1])
            name = node._name if vectorial else f"{node._name}.{key}"
            self._record(name, node._instant_str, child)
        return child


def _formula(variable: Any, period: Any) -> Any:
    key = (id(variable), period.start)  # variables live as long as their (cached) system
    found = _FORMULAS.get(key)  # one read: another thread may clear the dict meanwhile
    if found is None or found[0] is not variable:
        if len(_FORMULAS) > 50_000:  # bounded: other systems (tests) and dates
            _FORMULAS.clear()
        found = _FORMULAS[key] = (variable, variable.get_formula(period))  # keeps it alive
    return found[1]


class LeanSimulation(Simulation):  # type: ignore[misc]  # openfisca has no stubs
    """Made from a built simulation with `lean(simulation)`."""

    _known: dict[str, tuple[Any, Any, Any]]

    def _lookup(self, name: str) -> tuple[Any, Any, Any]:
        known = self._known.get(name)
        if known is None:
            variable = self.tax_benefit_system.get_variable(name, check_existence=True)
            if variable is None:
                raise VariableNotFoundError(name, self.tax_benefit_system)
            population = self.get_variable_population(name)
            known = self._known[name] = (variable, population, population.get_holder(name))
        return known

    def _calculate(self, variable_name: str, period: Any) -> Any:
        if self.start_computation_period is not None:  # not used here: OpenFisca's own path
            return super()._calculate(variable_name, period)
        variable, population, holder = self._lookup(variable_name)
        self._check_period_consistency(period, variable)
        cached_array = holder.get_array(period)
        if cached_array is not None:
            return cached_array
        try:
            self._check_for_cycle(variable.name, period)
            array = self._run_formula(variable, population, period)
            if array is None:
                array = holder.default_array()
            array = self._cast_formula_result(array, variable)
            holder.put_in_cache(array, period)
        except SpiralError:
            array = holder.default_array()
        return array

    def trace_parameters_at_instant(self, formula_period: Any) -> TracedParameters:
        node = self.tax_benefit_system.get_parameters_at_instant(formula_period)
        return TracedParameters(node, self.tracer.record_parameter_access)

    def _run_formula(self, variable: Any, population: Any, period: Any) -> Any:
        formula = _formula(variable, period)
        if formula is None:
            return None
        if formula.__code__.co_argcount == 2:
            return formula(population, period)
        parameters_at = (
            self.trace_parameters_at_instant
            if self.trace
            else self.tax_benefit_system.get_parameters_at_instant
        )
        return formula(population, period, parameters_at)


def lean(simulation: Any) -> Any:
    """The same simulation (populations, holders, inputs, tracer), read the lean way."""
    if type(simulation) is not Simulation:  # another kind: keep its own behaviour
        return simulation
    simulation.__class__ = LeanSimulation
    simulation._known = {}
    return simulation
