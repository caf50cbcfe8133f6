# SPDX-License-Identifier: EUPL-1.2
"""Realistic synthetic activity from the synthetic population, for tests and the demo.

The same residents, seed and period always give the same records. Pure: no Django, no IO.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from lifegate.opendata.domain import Domain, ServiceDomain
from lifegate.opendata.records import ActivityRecord, Kind, Period

CHANNEL_WEIGHTS: dict[str, float] = {"online": 8.0, "phone": 1.5, "in-person": 1.0, "post": 0.5}


@dataclass(frozen=True)
class Resident:
    subject: str
    municipality: str


def residents_from_persons(persons: pa.Table) -> list[Resident]:
    """Living residents of the population's `persons` table, with their municipality."""
    ids = persons.column("person_id").to_pylist()
    codes = persons.column("municipality_code").to_pylist()
    deaths = persons.column("death_date").to_pylist()
    return [
        Resident(f"person-{pid}", code)
        for pid, code, died in zip(ids, codes, deaths, strict=True)
        if code and died is None
    ]


@dataclass(frozen=True)
class Rates:
    """How often things happen, per resident per month and per step of a journey."""

    journey: float = 0.08
    offer: float = 0.75
    accept: float = 0.7
    decide: float = 0.85
    mean_days: float = 14.0


class SyntheticActivity:
    """An `ActivitySource` that invents journeys, offers and cases for residents."""

    def __init__(
        self,
        residents: Sequence[Resident],
        domain: Domain,
        *,
        seed: int = 2025,
        rates: Rates | None = None,
    ) -> None:
        self._residents = list(residents)
        self._domain = domain
        self._seed = seed
        self._rates = rates or Rates()
        self._services = {
            event: [s for s in domain.services if event in s.events] for event in domain.life_events
        }

    def records(self, period: Period) -> Iterator[ActivityRecord]:
        rng = np.random.default_rng([self._seed, period.year, period.month])
        days = period.last_day.day
        starting = np.flatnonzero(rng.random(len(self._residents)) < self._rates.journey)
        events = self._domain.life_events
        for index in starting:
            resident = self._residents[int(index)]
            event = events[int(rng.integers(len(events)))]
            day = period.first_day + dt.timedelta(days=int(rng.integers(days)))
            yield ActivityRecord(
                resident.subject, Kind.JOURNEY_STARTED, day, event, resident.municipality
            )
            for service in self._services[event]:
                yield from self._service_steps(rng, resident, event, service, period)

    def _service_steps(
        self,
        rng: np.random.Generator,
        resident: Resident,
        event: str,
        service: ServiceDomain,
        period: Period,
    ) -> Iterator[ActivityRecord]:
        rates = self._rates
        if rng.random() >= rates.offer:
            return
        organisations = [
            o for o in service.organisations if self._domain.serves(o, resident.municipality)
        ] or list(service.organisations)
        organisation = organisations[int(rng.integers(len(organisations)))]
        weights = np.array([CHANNEL_WEIGHTS.get(c, 1.0) for c in service.channels])
        channel = service.channels[int(rng.choice(len(weights), p=weights / weights.sum()))]
        day = period.first_day + dt.timedelta(days=int(rng.integers(period.last_day.day)))

        def record(kind: Kind, processing_days: int | None = None) -> ActivityRecord:
            return ActivityRecord(
                resident.subject, kind, day, event, resident.municipality,
                service.id, organisation, channel, processing_days,
            )  # fmt: skip

        yield record(Kind.OFFER_MADE)
        if rng.random() >= rates.accept:
            return
        yield record(Kind.OFFER_ACCEPTED)
        yield record(Kind.CASE_OPENED)
        if rng.random() < rates.decide:
            yield record(Kind.CASE_DECIDED, int(rng.gamma(2.0, rates.mean_days / 2.0)))
