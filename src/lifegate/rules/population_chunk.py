# SPDX-License-Identifier: EUPL-1.2
"""Evaluate one chunk of households (numpy arrays) in one vectorised OpenFisca simulation.

The statuses follow exactly the eligibility service's logic (`eligibility.evaluate`): a
failed condition means not entitled, an unknown fact means we need to know more, and the
offer is for the current period or, when only entitled then, the next one. In the
registries every fact is known except the rent, so only the rent is ever asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray
from openfisca_core.simulation_builder import SimulationBuilder

from lifegate.rules.eligibility.catalog import SERVICES, ServiceRule
from lifegate.rules.eligibility.evaluate import add_months
from lifegate.rules.openfisca_nl import tax_benefit_system

UNKNOWN_FIELDS = frozenset({"monthly_rent"})  # not in the registries: the citizen tells us
ENTITLED, NOT_ENTITLED, NEED_MORE_INFO = 0, 1, 2
STATUS_NAMES = ("entitled", "not_entitled", "need_more_info")
OFFERS_SCHEMA = pa.schema(
    [
        ("person_id", pa.int64(), False),
        ("service", pa.string(), False),
        ("status", pa.string(), False),
        ("amount", pa.float64()),
        ("period", pa.string(), False),
        ("start_date", pa.date32()),
        ("household_key", pa.int64(), False),
    ]
)


@dataclass(frozen=True)
class Chunk:
    """Persons of whole households, with their household key and role (0 parent, 1 child)."""

    on: dt.date
    person_id: NDArray[np.int64]
    household_key: NDArray[np.int64]
    role: NDArray[np.int8]
    birth: NDArray[np.datetime64]
    income: NDArray[np.int64]
    assets: NDArray[np.int64]
    insured: NDArray[np.bool_]
    resident: NDArray[np.bool_]
    student: NDArray[np.bool_]
    lives_with_parents: NDArray[np.bool_]
    rented: NDArray[np.bool_]  # of the person's household, the same for all its members
    unknown: frozenset[str] = UNKNOWN_FIELDS  # situation fields the tables do not hold


def _simulation(chunk: Chunk, years: list[int]) -> tuple[Any, NDArray[np.int64]]:
    system = tax_benefit_system()
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("persoon", chunk.person_id)
    keys, first = np.unique(chunk.household_key, return_index=True)
    household = builder.declare_entity("huishouden", keys)
    builder.join_with_persons(household, chunk.household_key, chunk.role.astype(np.int64))
    simulation = builder.build(system)
    simulation.set_input("geboortedatum", "ETERNITY", chunk.birth)
    inputs = {
        "jaarinkomen": chunk.income.astype(np.float32),
        "vermogen": chunk.assets.astype(np.float32),
        "zorgverzekerd": chunk.insured,
        "woont_in_nederland": chunk.resident,
        "ingeschreven_hoger_onderwijs": chunk.student,
        "woont_bij_ouders": chunk.lives_with_parents,
    }
    for year in years:
        for name, values in inputs.items():
            simulation.set_input(name, str(year), values)
        simulation.set_input("huurwoning", str(year), chunk.rented[first])
    return simulation, household.members_entity_id


def _per_person(
    simulation: Any, name: str, period: str, members: NDArray[np.int64]
) -> NDArray[Any]:
    values: NDArray[Any] = simulation.calculate(name, period)
    if simulation.tax_benefit_system.variables[name].entity.key == "persoon":
        return values
    projected: NDArray[Any] = values[members]
    return projected


def _status(
    rule: ServiceRule,
    simulation: Any,
    period: str,
    members: NDArray[np.int64],
    unknown_fields: frozenset[str],
) -> tuple[NDArray[np.int8], NDArray[Any], NDArray[Any]]:
    size = members.size
    failed = np.zeros(size, dtype=bool)
    unknown = False
    for step in rule.conditions:
        if any(need.field in unknown_fields for need in step.needs):
            unknown = True
        else:
            failed |= ~(_per_person(simulation, step.variable, period, members) > 0)
    unknown |= any(need.field in unknown_fields for need in rule.amount.needs)
    amount = _per_person(simulation, rule.amount.variable, period, members)
    entitled = np.full(size, NEED_MORE_INFO if unknown else ENTITLED, dtype=np.int8)
    if not unknown:
        entitled[~(amount > 0)] = NOT_ENTITLED
    status = np.where(failed, NOT_ENTITLED, entitled).astype(np.int8)
    count = (
        _per_person(simulation, rule.count_variable, period, members)
        if rule.count_variable
        else np.zeros(size)
    )
    return status, amount, count


def choose_next(
    current: NDArray[np.int8],
    following: NDArray[np.int8],
    count_now: NDArray[Any],
    count_next: NDArray[Any],
) -> NDArray[np.bool_]:
    """Vectorised `eligibility.evaluate.choose`: True where the next period is offered."""
    keep_current = (current == ENTITLED) & ~((following == ENTITLED) & (count_next > count_now))
    take_next = ~keep_current & (following == ENTITLED)
    rest = ~keep_current & ~take_next
    current_rest = rest & ((current == NEED_MORE_INFO) | (following != NEED_MORE_INFO))
    chosen: NDArray[np.bool_] = take_next | (rest & ~current_rest)
    return chosen


def _start(
    rule: ServiceRule,
    simulation: Any,
    *,
    month: dt.date,
    following: dt.date,
    use_next: NDArray[np.bool_],
    members: NDArray[np.int64],
) -> NDArray[np.datetime64]:
    if rule.start_variable:
        now = _per_person(simulation, rule.start_variable, f"{month:%Y-%m}", members)
        later = _per_person(simulation, rule.start_variable, f"{following:%Y-%m}", members)
        chosen: NDArray[np.datetime64] = np.where(use_next, later, now).astype("datetime64[D]")
        return chosen
    first = [
        m.replace(month=(m.month - 1) // 3 * 3 + 1) if rule.months_ahead == 3 else m
        for m in (month, following)
    ]
    return np.where(use_next, np.datetime64(first[1], "D"), np.datetime64(first[0], "D"))


def _service_offers(
    rule: ServiceRule, simulation: Any, chunk: Chunk, members: NDArray[np.int64]
) -> pa.Table:
    month = chunk.on.replace(day=1)
    following = add_months(month, rule.months_ahead)
    now = _status(rule, simulation, f"{month:%Y-%m}", members, chunk.unknown)
    later = _status(rule, simulation, f"{following:%Y-%m}", members, chunk.unknown)
    use_next = choose_next(now[0], later[0], now[2], later[2])
    status = np.where(use_next, later[0], now[0])
    amount = np.round(np.where(use_next, later[1], now[1]).astype(np.float64), 2)
    start = _start(
        rule, simulation, month=month, following=following, use_next=use_next, members=members
    )
    keep = status != NOT_ENTITLED
    entitled = status[keep] == ENTITLED
    names = np.array(STATUS_NAMES, dtype=object)[status[keep]]
    return pa.table(
        {
            "person_id": chunk.person_id[keep],
            "service": pa.array([rule.id] * int(keep.sum()), pa.string()),
            "status": pa.array(names, pa.string()),
            "amount": pa.array(amount[keep], mask=~entitled),
            "period": pa.array([rule.period] * int(keep.sum()), pa.string()),
            "start_date": pa.array(start[keep], pa.date32(), mask=~entitled),
            "household_key": chunk.household_key[keep],
        },
        schema=OFFERS_SCHEMA,
    )


def evaluate_chunk(chunk: Chunk) -> pa.Table:
    """The offers (entitled, or need-more-info) of every person in `chunk`, all services."""
    month = chunk.on.replace(day=1)
    years = sorted({month.year, add_months(month, 3).year})
    simulation, members = _simulation(chunk, years)
    tables = [_service_offers(rule, simulation, chunk, members) for rule in SERVICES]
    return pa.concat_tables(tables)
