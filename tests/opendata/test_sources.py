# SPDX-License-Identifier: EUPL-1.2
"""Activity sources: the cases adapter, the synthetic generator and the registry of sources."""

import datetime as dt

import pytest

from lifegate.config import env
from lifegate.opendata.records import ActivityRecord, Kind, Period
from lifegate.opendata.sources import CasesActivity, UnknownSourceError, source
from tests.opendata import fake_cases


def test_the_cases_adapter_asks_for_the_month_and_reads_every_field():
    records = list(CasesActivity("tests.opendata.fake_cases").records(Period(2025, 6)))

    assert fake_cases.CALLS[-1] == (dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    assert records[1] == ActivityRecord(
        "7", Kind.CASE_DECIDED, dt.date(2025, 6, 30), "birth", "GM0344",
        "kinderbijslag", "svb", "online", 12,
    )  # fmt: skip


def test_a_cases_module_without_activity_is_a_clear_error():
    with pytest.raises(UnknownSourceError, match="has no activity"):
        list(CasesActivity("tests.opendata.conftest").records(Period(2025, 6)))


def test_a_cases_module_giving_another_record_type_is_a_clear_error():
    with pytest.raises(TypeError, match=r"must give lifegate\.opendata\.services\.ActivityRecord"):
        list(CasesActivity("tests.opendata.wrong_cases").records(Period(2025, 6)))


def test_an_unknown_source_name_is_refused_with_the_choices():
    with pytest.raises(UnknownSourceError, match="choose one of cases, synthetic"):
        source("spreadsheet")


@pytest.mark.django_db
def test_releases_read_the_cases_block_unless_told_otherwise():
    chosen = source(env.OPENDATA_SOURCE.read())

    assert isinstance(chosen, CasesActivity)
    assert list(chosen.records(Period(2025, 6))) == []  # no journeys, offers or cases yet
