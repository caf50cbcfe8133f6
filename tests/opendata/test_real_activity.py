# SPDX-License-Identifier: EUPL-1.2
"""Real activity (journeys the cases block opened) counted by municipality, protected."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from lifegate.cases import services as cases
from lifegate.demo import models as demo_tables
from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from lifegate.opendata import services as opendata
from lifegate.opendata.privacy import PrivacyParameters
from lifegate.opendata.records import Period
from lifegate.opendata.sources import CasesActivity
from lifegate.registries import services as registries
from tests.cases.population import load

pytestmark = pytest.mark.django_db
# Journeys "turning 18" opened per municipality: two above the threshold (10), one below.
OPENED = {"GM0344": 12, "GM0014": 12, "GM0307": 3}
# Noise this small (scale 3/100) never moves a count, so the test is deterministic; the
# threshold and the rest of the pipeline are the configured ones.
PRECISE = PrivacyParameters(epsilon_per_count=100.0, yearly_epsilon=10_000.0)


@pytest.fixture(autouse=True)
def _fresh_transports() -> Iterator[None]:
    registries.reset_transports()
    yield
    registries.reset_transports()


@pytest.fixture
def opened(home, today: dt.date) -> dict[str, list[demo_tables.Person]]:
    """Journeys opened by the persons registry's "turns 18" events, per municipality."""
    load(today)
    chosen: dict[str, list[demo_tables.Person]] = {}
    for code, count in OPENED.items():
        people = demo_tables.Person.objects.filter(municipality_code=code, death_date=None)
        chosen[code] = list(people.exclude(bsn="").order_by("person_id")[:count])
        assert len(chosen[code]) == count, f"the test population has too few people in {code}"
        for person in chosen[code]:
            cases.record_registry_event(
                cases.RegistryEvent("person.turns-18", person.bsn, today, ())
            )
    return chosen


def _publish(today: dt.date) -> Period:
    period = Period(today.year, today.month)
    opendata.publish(str(period), today=period.last_day + dt.timedelta(days=1), params=PRECISE)
    return period


def test_journeys_are_published_by_the_municipality_of_their_people(opened, today):
    _publish(today)

    rows = opendata.observations("life-event-journeys", {"life_event": "turning-18"}).rows

    counted = {row["municipality"]: row["journeys_started"] for row in rows}
    assert counted == {"GM0344": 12, "GM0014": 12}


def test_a_municipality_below_the_threshold_is_suppressed(opened, today):
    _publish(today)

    found = opendata.observations("life-event-journeys", {"municipality": "GM0307"}).rows

    assert found == []  # 3 journeys: below 10, so no row at all


def test_the_municipalities_are_read_under_the_statistics_purpose_and_logged(opened, today):
    _publish(today)

    read = exchange_tables.ProcessingRecord.objects.filter(activity_id="logius-open-statistics")
    people = [p for group in opened.values() for p in group]
    assert sorted(r.subject_hash for r in read) == sorted(
        exchange.subject_hash("bsn", p.bsn) for p in people
    )
    assert {(r.status, r.basis, tuple(r.fields)) for r in read} == {
        ("released", "public-task", ("persons.municipalityCode",))
    }


def test_the_records_carry_no_bsn_and_no_person_id(opened, today):
    records = list(CasesActivity().records(Period(today.year, today.month)))

    written = repr([dataclasses.asdict(r) for r in records])
    assert len(records) == sum(OPENED.values())
    for person in (p for group in opened.values() for p in group):
        assert person.bsn not in written
        assert all(r.subject != str(person.person_id) for r in records)
    assert {r.municipality for r in records} == set(OPENED)
