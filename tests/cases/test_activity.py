# SPDX-License-Identifier: EUPL-1.2
"""`activity`: what the open statistics count, from real journeys, offers and cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest

from lifegate.cases import services as cases
from lifegate.cases.models import Offer
from lifegate.demo import services as demo
from lifegate.opendata import services as opendata
from lifegate.opendata.records import ActivityRecord, Kind, Period
from lifegate.opendata.sources import CasesActivity

pytestmark = pytest.mark.django_db


def decided_birth_case(population: dict[str, int]) -> cases.Case:
    """Sanne accepts the child benefit of her birth journey; SVB grants it."""
    offer = Offer.objects.get(service="kinderbijslag")
    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])
    return cases.decide(str(case.id), "svb", "granted", "Noor lives with you.", "official:1")


def kinds(facts: list[cases.ActivityFact]) -> Counter[tuple[str, str, str]]:
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
