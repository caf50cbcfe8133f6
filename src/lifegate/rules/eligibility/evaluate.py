# SPDX-License-Identifier: EUPL-1.2
"""`evaluate`: for one household situation and a date, every service's status and why.

Each service is assessed in the current period and the next one (the next quarter for
quarterly rules, else the next month). It is offered in the current period when entitled
there, in the next when only entitled then (a newborn: kinderbijslag from the quarter after
birth; someone turning 18: zorgtoeslag from the month after). A condition that depends on
an unknown fact is `unknown`; a service with a failed condition is `not_entitled`, else one
with an unknown condition or amount is `need_more_info`, listing the questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lifegate.rules.eligibility.catalog import SERVICES, ServiceRule, Step
from lifegate.rules.eligibility.questions import question
from lifegate.rules.eligibility.result import (
    Evaluation,
    MissingInput,
    Outcome,
    ServiceResult,
    Status,
    Text,
)
from lifegate.rules.eligibility.simulate import build_simulation, years_for
from lifegate.rules.eligibility.situation import Situation
from lifegate.rules.eligibility.trace import parsed_period
from lifegate.rules.eligibility.tree import TreeBuilder, python_value, variable_text
from lifegate.rules.eligibility.unit import Unit, benefit_unit
from lifegate.rules.eligibility.validate import validate
from lifegate.rules.openfisca_nl import tax_benefit_system


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Assessment:
    """A service in one period: each step's outcome, the amount, the status, what is missing."""

    month: dt.date
    outcomes: tuple[Outcome, ...]  # conditions, then the amount
    amount: float
    count: float
    status: Status
    missing: tuple[MissingInput, ...]

    @property
    def period(self) -> str:
        return f"{self.month:%Y-%m}"


class _Household:
    """One simulation of the subject's household, read step by step."""

    def __init__(self, system: Any, situation: Situation, unit: Unit, simulation: Any) -> None:
        self.system, self.situation, self.unit, self.simulation = (
            system,
            situation,
            unit,
            simulation,
        )
        # Each step is read in several places; OpenFisca's cache answers too, but through
        # the tracer, which records (and the explanation then walks) a node for every read.
        self._values: dict[tuple[str, str], Any] = {}
        self._missing: dict[tuple[Step, int], list[MissingInput]] = {}

    def index(self, variable: str) -> int | None:
        is_person = self.system.variables[variable].entity.key == "persoon"
        return self.unit.subject_index if is_person else None

    def value(self, variable: str, period: str) -> Any:
        key = (variable, period)
        if key not in self._values:
            values = self.simulation.calculate(variable, parsed_period(period))
            index = self.index(variable)
            self._values[key] = values[0 if index is None else index]
        return self._values[key]

    def missing(self, step: Step, year: int) -> list[MissingInput]:
        key = (step, year)  # a step is checked in each period of the year, some by several rules
        if key not in self._missing:
            self._missing[key] = self._find_missing(step, year)
        return self._missing[key]

    def _find_missing(self, step: Step, year: int) -> list[MissingInput]:
        found = []
        for need in step.needs:
            for person_id, fact in self.unit.facts(need, self.situation):
                if fact is None:
                    text = question(need.field, person_id, self.situation.subject_id, year)
                    found.append(MissingInput(need.field, person_id, text))
        return found

    def assess(self, rule: ServiceRule, month: dt.date) -> Assessment:
        period, outcomes, missing = f"{month:%Y-%m}", [], []
        for step in (*rule.conditions, rule.amount):
            gaps = self.missing(step, month.year)
            missing.extend(gaps)
            passed = bool(self.value(step.variable, period) > 0)
            outcomes.append(Outcome.UNKNOWN if gaps else Outcome.PASS if passed else Outcome.FAIL)
        amount = float(self.value(rule.amount.variable, period))
        count = float(self.value(rule.count_variable, period)) if rule.count_variable else 0.0
        if Outcome.FAIL in outcomes[:-1]:
            status = Status.NOT_ENTITLED
        elif Outcome.UNKNOWN in outcomes:
            status = Status.NEED_MORE_INFO
        else:
            status = Status.ENTITLED if outcomes[-1] is Outcome.PASS else Status.NOT_ENTITLED
        outcomes[-1] = Outcome.UNKNOWN if outcomes[-1] is Outcome.UNKNOWN else Outcome.VALUE
        unique = tuple(dict.fromkeys(missing)) if status is Status.NEED_MORE_INFO else ()
        return Assessment(month, tuple(outcomes), amount, count, status, unique)


def choose(current: Assessment, following: Assessment) -> Assessment:
    """The period to offer: see the module docstring. Shared with the population run."""
    if current.status is Status.ENTITLED and not (
        following.status is Status.ENTITLED and following.count > current.count
    ):
        return current
    if following.status is Status.ENTITLED:
        return following
    if current.status is Status.NEED_MORE_INFO or following.status is not Status.NEED_MORE_INFO:
        return current
    return following


def _chosen(household: _Household, rule: ServiceRule, month: dt.date) -> Assessment:
    """`choose` between this period and the next, assessing the next only when it can matter:
    entitled now with nothing to count (more children next quarter), now is offered."""
    current = household.assess(rule, month)
    if current.status is Status.ENTITLED and not rule.count_variable:
        return current
    return choose(current, household.assess(rule, add_months(month, rule.months_ahead)))


def _start(rule: ServiceRule, household: _Household, chosen: Assessment) -> dt.date | None:
    if chosen.status is not Status.ENTITLED:
        return None
    if rule.start_variable:
        start = python_value(household.value(rule.start_variable, chosen.period))
        return start if isinstance(start, dt.date) else None
    if rule.months_ahead == 3:
        return chosen.month.replace(month=(chosen.month.month - 1) // 3 * 3 + 1)
    return chosen.month


def _result(
    rule: ServiceRule, household: _Household, tree: TreeBuilder, chosen: Assessment
) -> ServiceResult:
    steps = (*rule.conditions, rule.amount)
    explanation = tuple(
        tree.step(step.variable, chosen.period, outcome, household.index(step.variable))
        for step, outcome in zip(steps, chosen.outcomes, strict=True)
    )
    entitled = chosen.status is Status.ENTITLED
    amount = Decimal(f"{chosen.amount:.2f}") if entitled else None
    label, _ = variable_text(household.system, rule.amount.variable)
    service_label = Text(label.nl, label.en)
    start = _start(rule, household, chosen)
    return ServiceResult(
        rule.id,
        chosen.status,
        amount,
        rule.period,
        start,
        explanation,
        chosen.missing,
        service_label,
    )


def evaluate(
    situation: Situation,
    on: dt.date,
    services: Sequence[str] | None = None,
    *,
    system: Any = None,
) -> Evaluation:
    """Every service in `services` (all by default) for `situation.subject_id` on `on`.

    Raises `SituationError` naming each impossible or unknown field.
    """
    rules = validate(situation, on, services, SERVICES)
    system = system if system is not None else tax_benefit_system()
    unit = benefit_unit(situation, on)
    month = on.replace(day=1)
    months = sorted({month, *(add_months(month, rule.months_ahead) for rule in rules)})
    simulation = build_simulation(system, situation, unit, years_for(months))
    household = _Household(system, situation, unit, simulation)
    chosen = [_chosen(household, rule, month) for rule in rules]
    for rule, assessment in zip(rules, chosen, strict=True):
        if rule.start_variable:
            household.value(rule.start_variable, assessment.period)
    tree = TreeBuilder(system, simulation.tracer.trace, situation, unit)
    results = tuple(
        _result(rule, household, tree, assessment)
        for rule, assessment in zip(rules, chosen, strict=True)
    )
    return Evaluation(situation.subject_id, on, results)
