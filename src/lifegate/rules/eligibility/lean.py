# SPDX-License-Identifier: EUPL-1.2
"""OpenFisca's `Simulation`, with the look-ups it repeats on every read done once.

A household's evaluation makes about a hundred reads of some forty variables. On each,
OpenFisca looks the variable up in the system three times, finds its population and holder,
and finds the formula for the period in a sorted dict. `LeanSimulation` keeps the variable,
population and holder of each name for the simulation, and the formula of each variable
and period start for the process (variables do not change while the system lives). Every
check stays: the period's consistency, cycles and spirals, the cast of a formula's result,
the cache. The rules and their results are OpenFisca's (`tests/rules` checks both).

A variable kept in memory (not neutralised, not on disk, not kept out of the cache) is read
from and written to its holder's in-memory arrays directly: OpenFisca's `get_array` and
`put_in_cache` normalise the period through a generic dispatch on every read and check again
what the formula's result cast already ensured, a tenth of a household's evaluation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import SpiralError, VariableNotFoundError
from openfisca_core.indexed_enums import Enum
from openfisca_core.parameters import (
    ALLOWED_PARAM_TYPES,
    ParameterNodeAtInstant,
    VectorialParameterNodeAtInstant,
)
from openfisca_core.simulations import Simulation

_FORMULAS: dict[tuple[int, Any], Any] = {}
_ETERNITY = periods.period(periods.DateUnit.ETERNITY)  # the key of an eternal value
_PLAIN_UNITS = (periods.DateUnit.MONTH, periods.DateUnit.YEAR, periods.DateUnit.ETERNITY)


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


class _Known:
    """What `LeanSimulation` keeps per variable name: found once per simulation."""

    __slots__ = ("eternal", "holder", "population", "storage", "variable")

    def __init__(self, simulation: Any, name: str) -> None:
        variable = simulation.tax_benefit_system.get_variable(name, check_existence=True)
        if variable is None:
            raise VariableNotFoundError(name, simulation.tax_benefit_system)
        population = simulation.get_variable_population(name)
        holder = population.get_holder(name)
        self.variable, self.population, self.holder = variable, population, holder
        # The holder's in-memory storage, or None: read and write through OpenFisca's holder.
        # Its dict of arrays is read at each use: deleting arrays replaces that dict.
        self.storage = holder._memory_storage if _plain(simulation, variable, holder) else None
        self.eternal = variable.definition_period == periods.DateUnit.ETERNITY


def _plain(simulation: Any, variable: Any, holder: Any) -> bool:
    """True when the holder keeps every value in memory, keyed by period (the usual case)."""
    blacklist = simulation.tax_benefit_system.cache_blacklist
    return not (
        variable.is_neutralized
        or holder._on_disk_storable
        or holder._do_not_store
        or (simulation.opt_out_cache and blacklist and variable.name in blacklist)
        or variable.definition_period not in _PLAIN_UNITS
        or variable.value_type is Enum
    )


class LeanSimulation(Simulation):  # type: ignore[misc]  # openfisca has no stubs
    """Made from a built simulation with `lean(simulation)`."""

    _known: dict[str, _Known]

    def _lookup(self, name: str) -> _Known:
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = _Known(self, name)
        return known

    def _calculate(self, variable_name: str, period: Any) -> Any:
        if self.start_computation_period is not None:  # not used here: OpenFisca's own path
            return super()._calculate(variable_name, period)
        known = self._lookup(variable_name)
        variable, storage = known.variable, known.storage
        arrays = None if storage is None else storage._arrays
        self._check_period_consistency(period, variable)
        key = _ETERNITY if known.eternal else period
        cached_array = known.holder.get_array(period) if arrays is None else arrays.get(key)
        if cached_array is not None:
            return cached_array
        try:
            self._check_for_cycle(variable.name, period)
            array = self._run_formula(variable, known.population, period)
            if array is None:
                array = known.holder.default_array()
            array = self._cast_formula_result(array, variable)
            if arrays is not None and array.ndim == 1 and len(array) == known.population.count:
                arrays[key] = array  # what put_in_cache stores for a cast result of this size
            else:
                known.holder.put_in_cache(array, period)  # which refuses a wrong size
        except SpiralError:
            array = known.holder.default_array()
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


class _CheckedCalls:
    """A population whose `population(variable, period)` checks each pair once.

    OpenFisca checks on every call that the variable belongs to the entity and the period
    suits it; both depend only on the pair, so a pair that passed is passed on directly.
    """

    _checked: set[tuple[str, Any]]

    def __call__(self, variable_name: str, period: Any, options: Any = None) -> Any:
        if options is None and (variable_name, period) in self._checked:
            return self.simulation.calculate(variable_name, period)  # type: ignore[attr-defined]
        result = super().__call__(variable_name, period, options)  # type: ignore[misc]
        if options is None and isinstance(period, periods.Period):
            self._checked.add((variable_name, period))
        return result


_CHECKED_CLASSES: dict[type, type] = {}


def _checked_calls(population: Any) -> None:
    kind = type(population)
    lean_kind = _CHECKED_CLASSES.get(kind)
    if lean_kind is None:
        lean_kind = _CHECKED_CLASSES[kind] = type(f"Lean{kind.__name__}", (_CheckedCalls, kind), {})
    population.__class__ = lean_kind
    population._checked = set()


def lean(simulation: Any) -> Any:
    """The same simulation (populations, holders, inputs, tracer), read the lean way."""
    if type(simulation) is not Simulation:  # another kind: keep its own behaviour
        return simulation
    simulation.__class__ = LeanSimulation
    simulation._known = {}
    for population in simulation.populations.values():
        _checked_calls(population)
    return simulation
