# SPDX-License-Identifier: EUPL-1.2
"""`activity`: what the open statistics count, from real journeys, offers and cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest

from lifegate.cases import services as cases
from lifegate.cases.activity import STATISTICS_ACTIVITY
from lifegate.cases.models import Offer
from lifegate.demo import models as demo_tables
from lifegate.demo import services as demo
from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from lifegate.opendata import services as opendata
from lifegate.opendata.records import ActivityRecord, Kind, Period
from lifegate.opendata.sources import CasesActivity
from lifegate.registries import services as registries
from tests.registries.transports import Down, Recording

pytestmark = pytest.mark.django_db


def decided_birth_case(population: dict[str, int]) -> cases.Case:
    """Sanne accepts the child benefit of her birth journey; SVB grants it."""
    offer = Offer.objects.get(service="kinderbijslag")
    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])
    return cases.decide(str(case.id), "svb", "granted", "Noor lives with you.", "official:1")


def kinds(facts: list[ActivityRecord]) -> Counter[tuple[str, str, str]]:
    return Counter((f.kind, f.life_event, f.service) for f in facts)


def test_a_journey_offer_acceptance_and_decision_are_each_one_fact(population, today, journey):
    decided_birth_case(population)

    facts = cases.activity(today, today)

    counted = kinds(facts)
    assert counted[("journey-started", "birth", "")] == 2  # Sanne and Daan
    assert counted[("offer-made", "birth", "kinderbijslag")] == 1
    assert counted[("offer-accepted", "birth", "kinderbijslag")] == 1
    assert counted[("case-opened", "birth", "kinderbijslag")] == 1
    decided = next(f for f in facts if f.kind == "case-decided")
    assert (decided.organisation, decided.channel, decided.processing_days) == ("svb", "online", 0)


def test_no_fact_names_a_person_or_carries_their_id_or_bsn(population, today, journey):
    decided_birth_case(population)
    sanne = demo.find_person(population["sanne"])
    assert sanne is not None

    facts = cases.activity(today, today)

    written = repr([dataclasses.asdict(f) for f in facts])
    for secret in (sanne.bsn, sanne.given_names, sanne.family_name):
        assert secret not in written
    assert all(f.subject != str(population["sanne"]) for f in facts)
    assert len({f.subject for f in facts if f.kind == "journey-started"}) == 2


def test_only_the_days_of_the_period_are_counted(population, today, journey):
    decided_birth_case(population)

    assert cases.activity(today - dt.timedelta(days=30), today - dt.timedelta(days=1)) == []
    assert cases.activity(today + dt.timedelta(days=1), today + dt.timedelta(days=30)) == []


@pytest.fixture
def home(settings, tmp_path):
    settings.HOME = tmp_path
    return tmp_path


def test_a_release_reads_the_cases_and_counts_them(population, today, journey, home, monkeypatch):
    decided_birth_case(population)
    period = Period(today.year, today.month)
    fed: list[ActivityRecord] = []
    read = CasesActivity.records

    def spy(self: CasesActivity, month: Period) -> Iterator[ActivityRecord]:
        for record in read(self, month):
            fed.append(record)
            yield record

    monkeypatch.setattr(CasesActivity, "records", spy)

    result = opendata.publish(str(period), today=period.last_day + dt.timedelta(days=1))

    counted = Counter((r.kind, r.life_event, r.service) for r in fed)
    assert counted[(Kind.JOURNEY_STARTED, "birth", "")] == 2
    assert counted[(Kind.OFFER_ACCEPTED, "birth", "kinderbijslag")] == 1
    assert counted[(Kind.CASE_DECIDED, "birth", "kinderbijslag")] == 1
    assert (result.period, result.version) == (str(period), 1)
    release = opendata.releases()[-1]
    assert (release.period, release.source) == (str(period), "cases")


def municipality_of(person_id: int) -> str:
    return str(demo_tables.Person.objects.get(person_id=person_id).municipality_code)


def test_every_record_carries_the_municipality_where_its_person_lives(population, today, journey):
    decided_birth_case(population)

    facts = cases.activity(today, today)

    sanne, daan = municipality_of(population["sanne"]), municipality_of(population["daan"])
    assert sanne.startswith("GM")
    assert {f.municipality for f in facts if f.service} == {sanne}  # Sanne's offer and case
    assert sorted(f.municipality for f in facts if f.kind == Kind.JOURNEY_STARTED) == sorted(
        [sanne, daan]
    )


def test_the_municipalities_are_read_once_per_person_under_the_statistics_purpose(
    population, today, journey
):
    decided_birth_case(population)
    before = set(exchange_tables.ProcessingRecord.objects.values_list("id", flat=True))

    cases.activity(today, today)

    read = exchange_tables.ProcessingRecord.objects.exclude(id__in=before)
    assert {(r.activity_id, r.organisation_id, r.status, r.basis) for r in read} == {
        (STATISTICS_ACTIVITY, "logius", "released", "public-task")
    }
    assert all(r.fields == ["persons.municipalityCode"] for r in read)
    people = [demo.find_person(population[name]) for name in ("sanne", "daan")]
    assert sorted(r.subject_hash for r in read) == sorted(
        exchange.subject_hash("bsn", p.bsn) for p in people if p is not None
    )  # one record per person, not one per activity record


def test_the_persons_registry_is_asked_once_for_the_whole_period(population, today, journey):
    decided_birth_case(population)
    recording = Recording()
    registries.use_transport("persons", recording)

    facts = cases.activity(today, today)

    assert len(facts) >= 5
    assert len(recording.calls) == 1
    assert recording.calls[0].fields == ("municipalityCode",)
    assert len(recording.calls[0].identifiers) == 2  # Sanne and Daan


def test_a_registry_that_does_not_answer_publishes_nothing(population, today, journey, home):
    registries.use_transport("persons", Down())
    period = Period(today.year, today.month)

    with pytest.raises(opendata.PublishRefusedError) as refused:
        opendata.publish(str(period), today=period.last_day + dt.timedelta(days=1))

    assert refused.value.reason is opendata.Refusal.SOURCE_UNAVAILABLE
    assert "registry-unavailable" in refused.value.message
    assert opendata.releases() == []
