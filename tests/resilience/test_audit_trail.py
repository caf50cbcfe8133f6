# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from lifegate.ledger import services as ledger
from lifegate.resilience import services
from lifegate.resilience.records import entry_bytes, parse_entry

pytestmark = pytest.mark.django_db


def _break_the_trail() -> None:
    # The audit table disappears (a full disk, a lost grant): rolled back with the test.
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE resilience_officialaction")


def test_an_officials_action_is_a_ledger_entry_provable_against_a_signed_checkpoint():
    before = ledger.size()

    record = services.record_official_action(
        actor=("user", "7"), action="cases.case.decide", target=("case", "abc"), origin="10.1.2.3"
    )
    check = services.check_trail()

    assert ledger.size() == before + 1
    assert record.actor.startswith("user:") and record.origin.startswith("addr:")
    assert (check.records, check.intact, check.problems) == (1, 1, [])


def test_an_admin_change_is_recorded_with_the_bio_fields(admin_client):
    response = admin_client.post(reverse("admin:auth_group_add"), {"name": "auditors"})

    records = services.recent_actions()
    assert response.status_code == 302
    assert records[0].action == "admin.auth.group.add"
    assert records[0].result == "success"
    assert records[0].object.startswith("auth.group:")
    assert records[0].origin and records[0].at


def test_an_admin_change_that_cannot_be_audited_is_refused_and_not_made(admin_client):
    _break_the_trail()

    response = admin_client.post(reverse("admin:auth_group_add"), {"name": "unaudited"})

    assert response.status_code == 503
    assert response["Retry-After"]
    assert not Group.objects.filter(name="unaudited").exists()


def test_a_bulk_delete_in_the_admin_records_every_object(admin_client):
    groups = [Group.objects.create(name=f"g{n}") for n in range(3)]

    admin_client.post(
        reverse("admin:auth_group_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [g.pk for g in groups]},
    )

    actions = [r.action for r in services.recent_actions()]
    assert actions.count("admin.auth.group.delete") == 3
    assert not Group.objects.filter(pk__in=[g.pk for g in groups]).exists()


def test_the_ledger_entry_of_a_record_holds_no_raw_identifier():
    services.record_official_action(actor=("user", "424242"), action="x.y", target=("case", "c-99"))

    head = ledger.ensure_checkpoint()
    assert head is not None
    data = entry_bytes(services.recent_actions()[0])
    assert parse_entry(data) is not None
    assert b"424242" not in data and b"c-99" not in data
