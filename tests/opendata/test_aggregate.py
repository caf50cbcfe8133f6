# SPDX-License-Identifier: EUPL-1.2
"""From records to a release: public cells only, bounded contributions, suppression."""

import datetime as dt

from lifegate.opendata.aggregate import bounded, build_release, cells, fingerprint
from lifegate.opendata.datasets import JOURNEYS, PROCESSING, SERVICES, TABLES
from lifegate.opendata.privacy import PrivacyParameters
from lifegate.opendata.records import ActivityRecord, Kind, Period

JUNE = Period(2025, 6)


def _journey(subject: str, event: str = "birth", municipality: str = "GM0344", day: int = 3):
    return ActivityRecord(subject, Kind.JOURNEY_STARTED, dt.date(2025, 6, day), event, municipality)


def test_cells_come_from_the_catalog_and_a_municipal_service_only_from_its_municipality(domain):
    service_cells = cells(SERVICES, domain)

    assert len(cells(JOURNEYS, domain)) == len(domain.life_events) * len(domain.municipalities)
    assert ("birth", "aangifte-geboorte", "gemeente-utrecht", "GM0344") in service_cells
    assert ("birth", "aangifte-geboorte", "gemeente-utrecht", "GM0307") not in service_cells
    assert all(len(key) == 3 for key in cells(PROCESSING, domain))


def test_one_person_adds_at_most_the_bound_of_records():
    records = [_journey("p1", day=d) for d in range(1, 11)] + [_journey("p2")]

    kept = bounded(records, 3)

    assert [r.subject for r in kept].count("p1") == 3
    assert [r.subject for r in kept].count("p2") == 1


def test_a_large_cell_is_published_near_its_true_count_and_a_tiny_one_is_left_out(domain):
    records = [_journey(f"p{i}") for i in range(400)] + [_journey("solo", "retirement")]
    params = PrivacyParameters(epsilon_per_count=2.0, max_contributions=1)

    release = build_release(JUNE, records, domain, params)

    rows = release.rows[JOURNEYS.id]
    births = [r for r in rows if r["life_event"] == "birth" and r["municipality"] == "GM0344"]
    assert abs(births[0]["journeys_started"] - 400) < 20
    assert births[0]["period"] == "2025-06"
    assert all(r["journeys_started"] >= params.min_cell for r in rows)


def test_records_outside_the_public_domain_or_the_period_are_not_counted(domain):
    records = [_journey(f"p{i}", municipality="GM9999") for i in range(500)]
    records += [
        ActivityRecord(f"q{i}", Kind.JOURNEY_STARTED, dt.date(2025, 7, 1), "birth", "GM0344")
        for i in range(500)
    ]
    params = PrivacyParameters(epsilon_per_count=5.0, max_contributions=1)

    release = build_release(JUNE, records, domain, params)

    assert release.rows[JOURNEYS.id] == []


def test_the_epsilon_of_a_release_is_the_sum_of_its_queries(domain, synthetic):
    params = PrivacyParameters()

    release = build_release(JUNE, synthetic.records(JUNE), domain, params)

    counts = sum(len(t.counts) for t in TABLES)
    quantiles = sum(len(t.quantiles) for t in TABLES)
    expected = counts * params.epsilon_per_count
    expected += quantiles * params.epsilon_per_quantile * params.max_contributions
    assert release.epsilon == expected
    assert len(release.spends) == counts + quantiles


def test_processing_times_are_published_only_for_cells_with_enough_decided_cases(domain, synthetic):
    params = PrivacyParameters()

    release = build_release(JUNE, synthetic.records(JUNE), domain, params)

    for row in release.rows[PROCESSING.id]:
        if row["processing_days_median"] is not None:
            assert row["cases_decided"] >= params.min_cell_quantile


def test_synthetic_activity_is_the_same_for_the_same_seed_and_month(synthetic):
    first = list(synthetic.records(JUNE))

    again = list(synthetic.records(JUNE))
    july = list(synthetic.records(Period(2025, 7)))

    assert first == again
    assert first != july
    assert {r.kind for r in first} == set(Kind)
    assert all(JUNE.first_day <= r.day <= JUNE.last_day for r in first)


def test_the_fingerprint_changes_with_the_content_and_the_parameters(synthetic):
    records = list(synthetic.records(JUNE))
    params = PrivacyParameters()

    same = fingerprint(reversed(records), params)

    assert fingerprint(records, params) == same
    assert fingerprint(records[1:], params) != same
    assert fingerprint(records, PrivacyParameters(min_cell=20)) != same
