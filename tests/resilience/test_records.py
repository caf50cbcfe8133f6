# SPDX-License-Identifier: EUPL-1.2
import datetime as dt

import pytest

from lifegate.resilience.ratelimit import RateLimiter
from lifegate.resilience.records import (
    RecordError,
    entry_bytes,
    make_record,
    parse_entry,
    pseudonym,
)

AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _record(**changes: object):
    values = {
        "actor": ("user", "42"),
        "action": "case.decide",
        "target": ("case", "c-1"),
        "result": "success",
        "origin": "10.0.0.1",
        "at": AT,
    } | changes
    return make_record(b"key", **values)  # type: ignore[arg-type]


def test_a_record_holds_pseudonyms_never_the_ids_or_address_in_clear():
    data = entry_bytes(_record(actor=("user", "123456782"), origin="192.0.2.7"))

    assert b"123456782" not in data
    assert b"192.0.2.7" not in data
    assert pseudonym(b"key", "user", "123456782").encode() in data


def test_the_same_id_gets_the_same_pseudonym_only_under_the_same_key():
    assert pseudonym(b"a", "user", "1") == pseudonym(b"a", "user", "1")
    assert pseudonym(b"a", "user", "1") != pseudonym(b"b", "user", "1")


def test_a_record_survives_its_ledger_entry_and_other_entries_are_not_records():
    record = _record()

    assert parse_entry(entry_bytes(record)) == record
    assert parse_entry(b"lifegate-processing-v1\n{}") is None


def test_a_refusal_keeps_its_reason_in_the_ledger_entry():
    record = _record(result="refused", reason="forbidden")

    data = entry_bytes(record)

    assert b'"reason":"forbidden"' in data
    assert parse_entry(data) == record


def test_a_record_without_a_reason_has_the_entry_of_records_made_before_reasons_existed():
    data = entry_bytes(_record())

    assert b"reason" not in data
    assert data.startswith(b'lifegate-official-audit-v1\n{"action":"case.decide","actor":')


@pytest.mark.parametrize(
    ("field", "value"),
    [("action", "Drop Table"), ("result", "maybe"), ("reason", "wrong password for Jan")],
)
def test_a_bad_action_result_or_reason_is_refused(field, value):
    with pytest.raises(RecordError):
        _record(**{field: value})


def test_a_client_over_its_burst_waits_and_is_let_in_again_after_refill():
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=3, clock=lambda: now[0])

    first = [limiter.take("a") for _ in range(4)]
    other = limiter.take("b")
    now[0] += 0.5

    assert first == [0, 0, 0, 1]
    assert other == 0
    assert limiter.take("a") == 0
