# SPDX-License-Identifier: EUPL-1.2
"""Leak guard: canary persons with unique attributes cannot be singled out of any release.

Canaries are mixed into realistic activity: one lives in a municipality no one else lives
in, one is the only person in a combination of life event, service, organisation,
municipality and channel, with a processing time no one else has, and one is a heavy user
with hundreds of records. After publishing (a correction included) no published count is
below the suppression threshold, and none of the canaries' attributes appear anywhere:
not in the CSV, Parquet or schema files, the query API, the DCAT catalogue or CKAN.
"""

import datetime as dt

import pyarrow.parquet as pq
import pytest

from lifegate.opendata.datasets import TABLES
from lifegate.opendata.privacy import DAY_CANDIDATES, PrivacyParameters
from lifegate.opendata.publishing import publish
from lifegate.opendata.records import ActivityRecord, Kind, Period
from tests.opendata.conftest import TODAY, ListSource

pytestmark = pytest.mark.django_db

MONTHS = [Period(2025, 5), Period(2025, 6)]
SECRETS = ["canary-", "GM9876", "999999901"]


def _canaries(period: Period) -> list[ActivityRecord]:
    day = period.first_day + dt.timedelta(days=9)
    lonely = ActivityRecord("canary-lonely", Kind.JOURNEY_STARTED, day, "birth", "GM9876")
    unique = [
        ActivityRecord(
            "canary-unique", kind, day, "death-of-relative", "GM0307",
            "aow-overlijdensuitkering", "svb", "post",
            333 if kind is Kind.CASE_DECIDED else None,
        )
        for kind in Kind
        if kind is not Kind.JOURNEY_STARTED
    ]  # fmt: skip
    heavy = [
        ActivityRecord("canary-heavy-999999901", Kind.CASE_OPENED, day, "birth", "GM0344",
                       "kinderbijslag", "svb", "online")
        for _ in range(300)
    ]  # fmt: skip
    return [lonely, *unique, *heavy]


@pytest.fixture
def published(home, synthetic):
    records = [r for p in MONTHS for r in [*synthetic.records(p), *_canaries(p)]]
    source = ListSource(records)
    for period in MONTHS:
        publish(str(period), activity=source, today=TODAY)
    publish("2025-06", activity=ListSource(records[:-5]), today=TODAY, reason="corrected")
    return home


def _published_bytes(client, home) -> list[tuple[str, bytes]]:
    found = [(str(p), p.read_bytes()) for p in (home / "opendata").rglob("*") if p.is_file()]
    for url in [
        "/api/v1/opendata/catalog.ttl",
        "/api/v1/opendata/catalog.jsonld",
        "/api/v1/opendata/releases",
        "/api/3/action/package_search?rows=100",
        *[f"/api/v1/opendata/datasets/{t.id}/observations?limit=1000" for t in TABLES],
    ]:
        found.append((url, client.get(url).content))
    return found


def test_no_published_count_is_below_the_suppression_threshold(published):
    threshold = PrivacyParameters().min_cell
    files = list((published / "opendata").rglob("*.parquet"))

    assert len(files) == 3 * 3  # three releases of three tables
    for path in files:
        for row in pq.read_table(path).to_pylist():
            counts = [v for k, v in row.items() if isinstance(v, int) and "days" not in k]
            assert all(value >= threshold for value in counts), (path, row)
            assert any(value is not None for value in counts)


def test_the_canaries_attributes_never_appear_in_clear(client, published):
    for where, body in _published_bytes(client, published):
        text = body.decode("latin-1")
        for secret in SECRETS:
            assert secret not in text, (where, secret)


def test_a_processing_time_only_a_canary_had_cannot_be_published():
    assert 333 not in DAY_CANDIDATES
