# SPDX-License-Identifier: EUPL-1.2
"""Mandates ending soon are announced in advance, once, in both message boxes, in NL and EN."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lifegate.identity import models, notices
from lifegate.identity.tasks import announce_expiring_mandates, schedule_notice
from lifegate.messagebox import services as messagebox
from tests.identity import factories

TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """Jan and Eva with BSNs that pass the eleven-test, as the message box requires."""
    jan = factories.person("Jan", "Bakker", bsn="111222333", born=dt.date(1948, 3, 2))
    eva = factories.person("Eva", "Bakker", bsn="123456782", born=dt.date(1979, 8, 9))
    return {"jan": jan, "eva": eva}


def _mandate(grantor, holder, *, end, scope="care-and-allowances", status="active"):
    return models.Mandate.objects.create(
        grantor_person_id=grantor.person_id,
        holder_person_id=holder.person_id,
        scope=scope,
        valid_from=TODAY - dt.timedelta(days=10),
        valid_until=end,
        status=status,
    )


def _inbox(person, language="en"):
    party = messagebox.party_of_person(person.person_id)
    return [m.subject for m in messagebox.list_messages(party, language=language).items]


def test_grantor_and_holder_get_a_message_when_a_mandate_ends_within_the_notice_period(people):
    jan, eva = people["jan"], people["eva"]
    _mandate(jan, eva, end=TODAY + dt.timedelta(days=20))

    created = notices.announce_expiring()

    assert created == 2
    assert _inbox(jan) == ["A mandate ends soon"]
    assert _inbox(eva, "nl") == ["Een machtiging loopt binnenkort af"]


def test_the_message_names_the_other_party_the_scope_and_the_day(people):
    jan, eva = people["jan"], people["eva"]
    end = TODAY + dt.timedelta(days=5)
    _mandate(jan, eva, end=end)
    notices.announce_expiring()
    party = messagebox.party_of_person(eva.person_id)
    summary = messagebox.list_messages(party, language="en").items[0]

    opened = messagebox.open_message(messagebox.Viewer(party, party), summary.id, "en")

    body = opened.body
    assert "Jan Bakker" in body
    assert "Care and allowances" in body
    assert end.strftime("%d-%m-%Y") in body


@pytest.mark.parametrize(
    ("case", "end", "status"),
    [
        ("far away", TODAY + dt.timedelta(days=200), "active"),
        ("already ended", TODAY - dt.timedelta(days=1), "active"),
        ("revoked", TODAY + dt.timedelta(days=5), "revoked"),
        ("not accepted", TODAY + dt.timedelta(days=5), "offered"),
    ],
)
def test_no_notice_for_mandates_that_do_not_end_soon_or_do_not_count(people, case, end, status):
    _mandate(people["jan"], people["eva"], end=end, status=status)

    assert notices.announce_expiring() == 0, case
    assert _inbox(people["eva"]) == []


def test_a_second_sweep_sends_nothing_again(people):
    _mandate(people["jan"], people["eva"], end=TODAY + dt.timedelta(days=3))
    notices.announce_expiring()

    again = announce_expiring_mandates.call()

    assert again == 0
    assert len(_inbox(people["eva"])) == 1


def test_accepting_a_mandate_schedules_the_sweep_for_the_start_of_its_notice_period(
    settings, people
):
    end = TODAY + dt.timedelta(days=settings.MANDATE_NOTICE_DAYS + 10)

    schedule_notice(end)

    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("announce_expiring_mandates")
    assert queued.run_after.date() == end - dt.timedelta(days=settings.MANDATE_NOTICE_DAYS)


def test_a_person_without_a_message_box_still_sees_the_notice_on_their_profile(db):
    jan = factories.person("Jan", "Bakker", bsn="333444555")  # fails the eleven-test
    eva = factories.person("Eva", "Bakker", bsn="123456782")
    _mandate(jan, eva, end=TODAY + dt.timedelta(days=5))

    created = notices.announce_expiring()

    assert created == 2
    assert [n.mandate_id for n in notices.notices_for(jan.person_id)] != []
    assert _inbox(jan) == []
    assert _inbox(eva) == ["A mandate ends soon"]
