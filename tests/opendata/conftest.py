# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the open-data tests: a public domain, synthetic activity, a published month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from lifegate.demo.population import generate_population
from lifegate.opendata.domain import Domain
from lifegate.opendata.privacy import PrivacyParameters
from lifegate.opendata.records import ActivityRecord, Period
from lifegate.opendata.sources import public_domain
from lifegate.opendata.synthetic import SyntheticActivity, residents_from_persons

REPO = Path(__file__).resolve().parents[2]
STANDARDS = REPO / "standards"
TODAY = dt.date(2025, 8, 15)


class ListSource:
    """An activity source over a fixed list of records (records outside the period skipped)."""

    def __init__(self, records: Iterable[ActivityRecord]) -> None:
        self.items = list(records)

    def records(self, period: Period) -> list[ActivityRecord]:
        return [r for r in self.items if period.first_day <= r.day <= period.last_day]


@cache
def _synthetic(persons: int) -> SyntheticActivity:
    population = generate_population(persons, seed=7, today=dt.date(2025, 1, 1))
    return SyntheticActivity(residents_from_persons(population.persons), public_domain(), seed=7)


@pytest.fixture
def domain() -> Domain:
    return public_domain()


@pytest.fixture
def synthetic() -> SyntheticActivity:
    return _synthetic(4000)


@pytest.fixture
def large_synthetic() -> SyntheticActivity:
    """Enough people that every life event is above the threshold somewhere."""
    return _synthetic(10_000)


@pytest.fixture
def small_synthetic() -> SyntheticActivity:
    return _synthetic(1500)


@pytest.fixture
def params() -> PrivacyParameters:
    return PrivacyParameters()


@pytest.fixture
def home(settings, tmp_path: Path) -> Path:
    settings.HOME = tmp_path
    settings.PUBLIC_URL = "http://testserver"
    return tmp_path


@cache
def shapes(relative: str) -> Graph:
    """Official shapes; references to property shapes a file does not define are dropped.

    DCAT-AP 3.0.1's all-in-one file lists two `dcat:DataService` property shapes
    (endpointDescription and endpointURL `sh:class rdfs:Resource`) that it never defines, so
    pyshacl stops with "not a well-formed PropertyShape". An undefined shape has no
    constraint to check; the HVD file defines the same two, and we validate against it too.
    """
    graph = Graph().parse(STANDARDS / relative)
    for shape, prop in list(graph.subject_objects(SH.property)):
        if (prop, SH.path, None) not in graph:
            graph.remove((shape, SH.property, prop))
    return graph
