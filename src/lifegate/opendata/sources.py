# SPDX-License-Identifier: EUPL-1.2
"""The activity sources a release can be made from, registered in one visible place.

- `cases`: the cases block, through `lifegate.cases.services.activity(start, end)`, which
  gives `ActivityRecord`s (the type `lifegate.opendata.services` exports).
- `synthetic`: invented from the demo's synthetic population (deterministic).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable, Iterator
from typing import Any

from lifegate.catalog.cpsv import load_catalog
from lifegate.config import env
from lifegate.demo.population import generate_population
from lifegate.opendata.domain import Domain, domain_from_catalog
from lifegate.opendata.records import ActivityRecord, ActivitySource, Period
from lifegate.opendata.synthetic import SyntheticActivity, residents_from_persons

POPULATION_DAY = dt.date(2025, 1, 1)
"""The synthetic residents are those of this day, so every month sees the same people."""


class UnknownSourceError(LookupError):
    """No source is registered under this name, or it cannot give activity (yet)."""


@functools.cache
def public_domain() -> Domain:
    """The dimensions' public values, from the catalog content."""
    return domain_from_catalog(load_catalog())


class CasesActivity:
    """Activity from the cases block (called only through its `services` door)."""

    def __init__(self, module: str = "lifegate.cases.services") -> None:
        self._module = module

    def records(self, period: Period) -> Iterator[ActivityRecord]:
        cases: Any = importlib.import_module(self._module)
        if not hasattr(cases, "activity"):
            raise UnknownSourceError(
                f"{self._module} has no activity(first_day, last_day) yet; "
                "use LIFEGATE_OPENDATA_SOURCE=synthetic until it has"
            )
        for item in cases.activity(period.first_day, period.last_day):
            if not isinstance(item, ActivityRecord):
                raise TypeError(
                    f"{self._module}.activity must give lifegate.opendata.services."
                    f"ActivityRecord, not {type(item).__name__}"
                )
            yield item


def synthetic_activity(persons: int | None = None, seed: int | None = None) -> SyntheticActivity:
    count = persons if persons is not None else env.DEMO_PERSONS.read()
    chosen_seed = seed if seed is not None else env.DEMO_SEED.read()
    population = generate_population(count, seed=chosen_seed, today=POPULATION_DAY)
    residents = residents_from_persons(population.persons)
    return SyntheticActivity(residents, public_domain(), seed=chosen_seed)


SOURCES: dict[str, Callable[[], ActivitySource]] = {
    "cases": CasesActivity,
    "synthetic": synthetic_activity,
}


def source(name: str) -> ActivitySource:
    try:
        factory = SOURCES[name]
    except KeyError as error:
        known = ", ".join(sorted(SOURCES))
        raise UnknownSourceError(f"no activity source {name!r}; choose one of {known}") from error
    return factory()
