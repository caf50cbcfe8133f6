# SPDX-License-Identifier: EUPL-1.2
"""The persisted ledger: proofs over the API, checkpoints, the database's guard, and
`lifegate ledger verify` naming exactly what was changed."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from lifegate.ledger import appending, leaf_hash, verify_consistency, verify_inclusion
from lifegate.ledger import services as ledger
from tests.ledger.guard import lift_guard

pytestmark = pytest.mark.django_db


def _fill(count: int) -> None:
    ledger.append([f"entry {i}".encode() for i in range(count)])


def _b64(values: list[str]) -> list[bytes]:
    return [base64.b64decode(v) for v in values]


def test_proofs_over_the_api_verify_against_the_signed_checkpoint(client):
    _fill(11)
    ledger.append([b"entry 11"])

    head = client.get("/api/v1/ledger/checkpoints/latest").json()
    proof = client.get(
        "/api/v1/ledger/entries/5/inclusion-proof", {"treeSize": head["size"]}
    ).json()
    consistency = client.get(
        "/api/v1/ledger/consistency-proof", {"oldSize": 11, "newSize": 12}
    ).json()

    root = base64.b64decode(head["rootHash"])
    assert head["size"] == 12 and head["note"].startswith(head["origin"] + "\n12\n")
    verify_inclusion(leaf_hash(b"entry 5"), 5, 12, _b64(proof["hashes"]), root)
    old_root = ledger.head_at(11)
    assert old_root is not None
    verify_consistency(11, 12, _b64(consistency["hashes"]), old_root.checkpoint.root_hash, root)


def test_a_proof_for_a_tree_larger_than_the_log_is_refused(client):
    _fill(3)

    response = client.get("/api/v1/ledger/entries/1/inclusion-proof", {"treeSize": 9})

    assert response.status_code == 422
    assert response.json()["reason"] == "bad_argument"


def test_a_checkpoint_is_signed_every_n_entries(settings):
    settings.LEDGER_CHECKPOINT_ENTRIES = 4
    settings.LEDGER_CHECKPOINT_SECONDS = 3600

    signed = [ledger.append([bytes([i])]).checkpoint_size for i in range(9)]

    assert [s for s in signed if s] == [1, 5, 9]


def test_a_checkpoint_is_signed_at_the_first_append_m_seconds_after_the_last(settings, monkeypatch):
    settings.LEDGER_CHECKPOINT_ENTRIES = 1000
    settings.LEDGER_CHECKPOINT_SECONDS = 300
    clock = [timezone.now()]  # the ledger's clock, moved by the test: no race with a slow machine
    monkeypatch.setattr(ledger, "timezone", SimpleNamespace(now=lambda: clock[0]))
    signed = [ledger.append([b"a"]).checkpoint_size, ledger.append([b"b"]).checkpoint_size]

    clock[0] += dt.timedelta(seconds=299)
    signed += [ledger.append([b"c"]).checkpoint_size]
    clock[0] += dt.timedelta(seconds=1)
    signed += [ledger.append([b"d"]).checkpoint_size, ledger.append([b"e"]).checkpoint_size]

    latest = ledger.latest_head()
    assert signed == [1, None, None, 4, None]
    assert latest is not None and latest.checkpoint.size == 4


@pytest.mark.parametrize("table", ["ledger_entry", "ledger_node", "ledger_signedcheckpoint"])
@pytest.mark.parametrize(
    "statement", ["UPDATE {table} SET {column} = {column}", "DELETE FROM {table}"]
)
def test_the_database_refuses_to_change_or_delete_ledger_rows(table, statement):
    _fill(3)
    column = {"ledger_entry": "data", "ledger_node": "hash", "ledger_signedcheckpoint": "note"}[
        table
    ]

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table, column=column))


def _verify() -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("ledger", "verify", stdout=out)
    except CommandError:
        return False, out.getvalue()
    return True, out.getvalue()


def test_verify_says_yes_for_an_intact_log():
    _fill(20)

    ok, output = _verify()

    assert ok and "yes: the ledger is intact." in output


def _tamper(sql: str, params: list[bytes]) -> None:
    lift_guard()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    ("sql", "params", "expected"),
    [
        (
            'UPDATE ledger_entry SET data = %s WHERE "index" = 7',
            [b"forged"],
            "entry_changed: entry 7 differs from the signed entry",
        ),
        (
            'DELETE FROM ledger_entry WHERE "index" IN (3, 4)',
            [],
            "entries_removed: entries 3 to 4 removed (2 of 20 signed entries)",
        ),
        (
            'UPDATE ledger_entry SET data = CASE "index" WHEN 1 THEN %s ELSE %s END '
            'WHERE "index" IN (1, 2)',
            [b"entry 2", b"entry 1"],
            "entries_reordered: entries at 1, 2 hold signed entries of other positions",
        ),
    ],
)
def test_with_the_guard_lifted_verify_reports_exactly_what_changed(sql, params, expected):
    _fill(20)
    ledger.ensure_checkpoint()
    _tamper(sql, params)

    ok, output = _verify()

    assert not ok
    assert expected in output


def test_a_published_checkpoint_is_checked_for_consistency(tmp_path):
    _fill(5)
    old = ledger.ensure_checkpoint()
    assert old is not None
    published = tmp_path / "old.note"
    published.write_text(old.note, encoding="utf-8")
    _fill(6)
    ledger.ensure_checkpoint()

    out = io.StringIO()
    call_command("ledger", "verify", "--against", str(published), stdout=out)

    assert "size 5 is a prefix of size 11: consistent" in out.getvalue()


def _remembered() -> appending.Head:
    head = appending._heads()[appending._key()]
    return copy.deepcopy(head)


def test_an_append_after_another_writer_appended_reloads_the_frontier_and_stays_intact():
    _fill(3)
    stale = _remembered()
    appending.forget()  # as if another process appended the next two
    ledger.append([b"other 1", b"other 2"])
    appending._heads()[appending._key()] = stale

    appended = ledger.append([b"mine"])
    ledger.ensure_checkpoint()
    ok, _output = _verify()

    assert appended.first_index == 5
    assert ok and ledger.size() == 6


def test_an_append_rolled_back_with_its_transaction_leaves_no_gap():
    _fill(3)

    with pytest.raises(RuntimeError), transaction.atomic():
        ledger.append([b"rolled back"])
        raise RuntimeError
    appended = ledger.append([b"kept"])
    ledger.ensure_checkpoint()
    ok, _output = _verify()

    assert appended.first_index == 3
    assert ok
