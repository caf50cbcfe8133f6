# SPDX-License-Identifier: EUPL-1.2
"""The one read function: policy (deny by default), minimisation, consent, logging."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from lifegate.exchange import models as exchange_tables
from lifegate.exchange import services as exchange
from lifegate.ledger import models as ledger_tables

pytestmark = pytest.mark.django_db
TOESLAGEN = exchange.Requester("belastingdienst-toeslagen")


def test_a_read_releases_only_the_fields_asked_and_logs_one_record_in_the_ledger(people):
    released = exchange.read_person_data(
        TOESLAGEN,
        "toeslagen-healthcare-allowance",
        exchange.Subject.bsn(people["sanne"].bsn),
        ["incomes.yearlyIncome", "insurances.healthInsured"],
        journey="journey:birth",
    )

    assert released.data == {
        "incomes": {"yearlyIncome": 30_000},
        "insurances": {"healthInsured": True},
    }
    record = exchange_tables.ProcessingRecord.objects.get(id=released.record_id)
    assert (record.status, record.fields, record.journey) == (
        "released",
        ["incomes.yearlyIncome", "insurances.healthInsured"],
        "journey:birth",
    )
    assert people["sanne"].bsn not in record.subject_hash
    entry = ledger_tables.Entry.objects.get(index=record.ledger_index)
    assert people["sanne"].bsn.encode() not in bytes(entry.data)


def test_the_trace_context_of_the_caller_is_continued(people):
    parent = exchange.TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")

    released = exchange.read_person_data(
        TOESLAGEN,
        "toeslagen-healthcare-allowance",
        exchange.Subject.bsn(people["sanne"].bsn),
        ["incomes.assets"],
        parent,
    )

    record = exchange_tables.ProcessingRecord.objects.get(id=released.record_id)
    assert (record.trace_id, record.parent_span_id) == (
        "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7",
    )
    # Logboek dataverwerkingen: a span of its own, the activity, the status and the times.
    assert len(record.span_id) == 16 and record.span_id != record.parent_span_id
    assert released.trace.traceparent.split("-")[1:3] == [record.trace_id, record.span_id]
    assert (record.activity_id, record.status) == ("toeslagen-healthcare-allowance", "released")
    assert record.started_at <= record.ended_at


@pytest.mark.parametrize(
    ("organisation", "purpose", "who", "fields", "reason"),
    [
        ("belastingdienst-toeslagen", "", "sanne", ["incomes.assets"], "purpose-missing"),
        ("belastingdienst-toeslagen", "curiosity", "sanne", ["incomes.assets"], "purpose-unknown"),
        (
            "belastingdienst-toeslagen",
            "svb-child-benefit",
            "sanne",
            ["persons.birthDate"],
            "purpose-not-of-requester",
        ),
        (
            "belastingdienst-toeslagen",
            "toeslagen-healthcare-allowance",
            "sanne",
            ["addresses.street"],
            "field-not-allowed",
        ),
        (
            "belastingdienst-toeslagen",
            "toeslagen-healthcare-allowance",
            "sanne",
            ["incomes.salary"],
            "field-unknown",
        ),
        (
            "belastingdienst-toeslagen",
            "toeslagen-healthcare-allowance",
            "sanne",
            [],
            "fields-missing",
        ),
        (
            "gemeente-utrecht",
            "utrecht-population-register",
            "petra",
            ["persons.birthDate"],
            "subject-outside-remit",
        ),
        (
            "belastingdienst-toeslagen",
            "toeslagen-proactive-check",
            "sanne",
            ["incomes.assets"],
            "consent-missing",
        ),
        (
            "belastingdienst-toeslagen",
            "toeslagen-healthcare-allowance",
            None,
            ["incomes.assets"],
            "subject-unknown",
        ),
    ],
)
def test_refusals_name_their_reason_and_are_logged(
    people, *, organisation, purpose, who, fields, reason
):
    subject = exchange.Subject.bsn(people[who].bsn if who else "999999990")

    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_person_data(exchange.Requester(organisation), purpose, subject, fields)

    assert refused.value.reason == reason
    assert refused.value.problem().as_dict()["reason"] == reason
    record = exchange_tables.ProcessingRecord.objects.get(subject_hash=subject.hash)
    assert (record.status, record.reason) == ("refused", reason)
    assert ledger_tables.Entry.objects.filter(index=record.ledger_index).exists()


def test_a_municipality_reads_its_own_residents(people):
    released = exchange.read_person_data(
        exchange.Requester("gemeente-utrecht"),
        "utrecht-population-register",
        exchange.Subject.bsn(people["sanne"].bsn),
        ["persons.childrenBsns", "addresses.city"],
    )

    assert released.data == {
        "persons": {"childrenBsns": [people["noor"].bsn]},
        "addresses": {"city": "Utrecht"},
    }


def test_consent_given_allows_and_withdrawn_refuses_the_very_next_read(people):
    subject = exchange.Subject.bsn(people["sanne"].bsn)
    exchange.give_consent(subject, "toeslagen-proactive-check")

    first = exchange.read_person_data(
        TOESLAGEN, "toeslagen-proactive-check", subject, ["persons.householdSize"]
    )
    exchange.withdraw_consent(subject, "toeslagen-proactive-check")
    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_person_data(
            TOESLAGEN, "toeslagen-proactive-check", subject, ["persons.householdSize"]
        )

    assert first.data == {"persons": {"householdSize": 2}}
    assert refused.value.reason == "consent-withdrawn"


def _break_the_log(table: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION fail_log() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER fail_log BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION fail_log()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER fail_log BEFORE INSERT ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )


@pytest.mark.parametrize("table", ["exchange_processingrecord", "ledger_entry"])
def test_when_the_log_cannot_be_written_nothing_is_released(people, table):
    _break_the_log(table)
    entries_before = ledger_tables.Entry.objects.count()

    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_person_data(
            TOESLAGEN,
            "toeslagen-healthcare-allowance",
            exchange.Subject.bsn(people["sanne"].bsn),
            ["incomes.yearlyIncome"],
        )

    assert refused.value.reason == "log-unavailable"
    assert refused.value.problem().http_status == 503
    assert ledger_tables.Entry.objects.count() == entries_before
    assert not exchange_tables.ProcessingRecord.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: rows.update(organisation_id="someone-else"),
        lambda rows: rows.update(fields=[]),
        lambda rows: rows.delete(),
    ],
    ids=["who", "what", "delete"],
)
def test_the_database_refuses_to_change_or_delete_a_processing_record(people, change):
    released = exchange.read_person_data(
        TOESLAGEN,
        "toeslagen-healthcare-allowance",
        exchange.Subject.bsn(people["sanne"].bsn),
        ["incomes.yearlyIncome"],
    )
    rows = exchange_tables.ProcessingRecord.objects.filter(id=released.record_id)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change(rows)

    assert rows.get().organisation_id == "belastingdienst-toeslagen"
