# SPDX-License-Identifier: EUPL-1.2
"""The nightly scan reads the persons registry's events through the exchange: a grant for
the feed, the purpose checked, and one log record per person named in the events."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from lifegate.cases import services as cases
from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from lifegate.registries import grants
from lifegate.registries import services as registries
from tests.cases.conftest import bsn_of

pytestmark = pytest.mark.django_db


def test_the_scan_logs_the_feed_under_rvigs_journey_activity_for_each_person_named(
    population, today
):
    yesterday = today - dt.timedelta(days=1)

    cases.scan_registry(yesterday)

    feed = exchange_tables.ProcessingRecord.objects.filter(activity_id=cases.SCAN_ACTIVITY)
    logged = set(feed.values_list("subject_hash", flat=True))
    for who in ("noor", "sanne", "daan"):
        assert exchange.subject_hash("bsn", bsn_of(population[who])) in logged
    assert set(feed.values_list("organisation_id", "status")) == {("rvig", "released")}


@pytest.mark.parametrize(
    ("organisation", "purpose", "reason"),
    [
        ("rvig", "", "purpose-missing"),
        ("rvig", "no-such-activity", "purpose-unknown"),
        ("svb", "rvig-life-event-journeys", "purpose-not-of-requester"),
        ("svb", "svb-child-benefit", "field-not-allowed"),
    ],
)
def test_the_exchange_refuses_the_feed_for_a_purpose_that_does_not_cover_it(
    population, today, organisation, purpose, reason
):
    with pytest.raises(exchange.RefusedError) as refusal:
        exchange.registry_events(exchange.Requester(organisation), purpose, today)

    assert refusal.value.reason == reason


def _grant(registry: str, fields: tuple[str, ...], expires: float) -> str:
    return grants.encode(grants.Grant(registry, fields, (), "a", "o", expires))


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (lambda: "", "grant-missing"),
        (lambda: _grant("persons", ("events",), time.time() + 30), "grant-other-registry"),
        (lambda: _grant("person-events", ("events",), time.time() - 1), "grant-expired"),
        (lambda: _grant("person-events", (), time.time() + 30), "grant-field-not-covered"),
    ],
)
def test_the_registry_refuses_the_feed_without_a_grant_for_it(population, today, token, reason):
    with pytest.raises(grants.GrantRefusedError) as refusal:
        registries.events_on(today, token())

    assert refusal.value.reason == reason


def test_catching_up_opens_the_seeds_journeys_and_reads_a_past_day_only_once(population, today):
    two_weeks_ago = today - dt.timedelta(days=14)
    named_today = _named_on(today)  # today is scanned at every catch-up: its events may grow
    reads = exchange_tables.ProcessingRecord.objects.filter(
        activity_id=cases.SCAN_ACTIVITY
    ).exclude(subject_hash__in=named_today)

    opened = cases.catch_up(two_weeks_ago, today)
    before = reads.count()
    cases.catch_up(two_weeks_ago, today)

    births = {j.person_id for j in opened if j.event == "birth"}
    assert {population["sanne"], population["daan"]} <= births
    assert before > 0
    assert reads.count() == before


def _named_on(day: dt.date) -> list[str]:
    events = exchange.registry_events(exchange.Requester("rvig"), cases.SCAN_ACTIVITY, day)
    return [exchange.subject_hash("bsn", b) for e in events for b in (e.bsn, *e.related_bsns)]
