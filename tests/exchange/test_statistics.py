# SPDX-License-Identifier: EUPL-1.2
"""`read_for_statistics`: a bulk read for a statistical activity only, every person logged."""

from __future__ import annotations

import pytest
import yaml

from lifegate.exchange import activities, statistics
from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from lifegate.ledger import models as ledger_tables
from lifegate.registries import services as registries
from tests.exchange.test_reads import _break_the_log
from tests.registries.transports import Down, Recording

pytestmark = pytest.mark.django_db
LOGIUS = exchange.Requester("logius")
STATISTICS = "logius-open-statistics"
FIELD = "persons.municipalityCode"


def test_the_register_has_a_statistical_activity_with_its_law():
    activity = exchange.find_activity(STATISTICS)

    assert activity is not None
    assert (activity.organisation, activity.basis, activity.remit) == (
        "logius",
        "public-task",
        "national",
    )
    assert activity.statistical and activity.fields == (FIELD,)
    assert "artikel 89" in activity.law_text("nl") and "article 89" in activity.law_text("en")


def test_a_statistical_read_gives_the_field_of_each_person_and_logs_each_of_them(people):
    bsns = [people["sanne"].bsn, people["petra"].bsn]
    entries_before = ledger_tables.Entry.objects.count()

    found = exchange.read_for_statistics(LOGIUS, STATISTICS, bsns, [FIELD])

    assert found == {people["sanne"].bsn: {FIELD: "GM0344"}, people["petra"].bsn: {FIELD: "GM0014"}}
    records = list(exchange_tables.ProcessingRecord.objects.all())
    assert {r.subject_hash for r in records} == {exchange.subject_hash("bsn", b) for b in bsns}
    assert {(r.activity_id, r.organisation_id, r.status, r.basis) for r in records} == {
        (STATISTICS, "logius", "released", "public-task")
    }
    assert all(r.fields == [FIELD] for r in records)
    assert ledger_tables.Entry.objects.count() == entries_before + 2
    assert sorted(r.ledger_index for r in records) == [entries_before, entries_before + 1]


def test_the_registry_is_asked_in_chunks_not_once_per_person(people, monkeypatch):
    recording = Recording()
    registries.use_transport("persons", recording)
    monkeypatch.setattr(statistics, "CHUNK", 2)
    bsns = [p.bsn for p in people.values() if p.bsn][:5]

    exchange.read_for_statistics(LOGIUS, STATISTICS, [*bsns, bsns[0]], [FIELD])

    assert [len(c.identifiers) for c in recording.calls] == [2, 2, 1]
    assert [c.fields for c in recording.calls] == [("municipalityCode",)] * 3


def test_a_person_the_registry_does_not_know_is_absent_and_not_logged(people):
    found = exchange.read_for_statistics(LOGIUS, STATISTICS, ["999999990"], [FIELD])

    assert found == {}
    assert not exchange_tables.ProcessingRecord.objects.exists()


@pytest.mark.parametrize(
    ("organisation", "purpose", "fields", "reason"),
    [
        ("logius", "", [FIELD], "purpose-missing"),
        ("logius", "curiosity", [FIELD], "purpose-unknown"),
        ("svb", STATISTICS, [FIELD], "purpose-not-of-requester"),
        ("logius", "portal-entitlement-check", ["persons.birthDate"], "purpose-not-statistical"),
        ("logius", STATISTICS, ["persons.birthDate"], "field-not-allowed"),
        ("logius", STATISTICS, [], "fields-missing"),
    ],
)
def test_refusals_name_their_reason_and_log_each_person(
    people, organisation, purpose, fields, reason
):
    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_for_statistics(
            exchange.Requester(organisation), purpose, [people["sanne"].bsn], fields
        )

    assert refused.value.reason == reason
    record = exchange_tables.ProcessingRecord.objects.get()
    assert (record.status, record.reason) == ("refused", reason)
    assert record.subject_hash == exchange.subject_hash("bsn", people["sanne"].bsn)


def test_a_registry_that_does_not_answer_releases_nothing(people):
    registries.use_transport("persons", Down())

    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_for_statistics(LOGIUS, STATISTICS, [people["sanne"].bsn], [FIELD])

    assert refused.value.reason == "registry-unavailable"
    assert not exchange_tables.ProcessingRecord.objects.filter(status="released").exists()


def test_when_the_log_cannot_be_written_nothing_is_released(people):
    _break_the_log("ledger_entry")

    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_for_statistics(LOGIUS, STATISTICS, [people["sanne"].bsn], [FIELD])

    assert refused.value.reason == "log-unavailable"
    assert not exchange_tables.ProcessingRecord.objects.exists()


@pytest.mark.parametrize(
    ("basis", "remit"), [("consent", "national"), ("public-task", "municipality")]
)
def test_a_statistical_activity_must_be_national_and_not_based_on_consent(basis, remit):
    entry = yaml.safe_load(
        f"""
        id: x
        organisation: logius
        name: {{nl: x}}
        basis: {basis}
        law: {{nl: x}}
        reference: https://example.org
        remit: {remit}
        statistical: true
        fields: [{FIELD}]
        """
    )

    with pytest.raises(ValueError, match="statistical activity is national"):
        activities._parse(entry)
