# SPDX-License-Identifier: EUPL-1.2
"""Notification e-mails over a real SMTP connection, reminders, and retention."""

import datetime as dt
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from structlog.testing import capture_logs

from lifegate.messagebox import channels, services
from lifegate.messagebox.models import Message, Preference
from lifegate.outbox.models import Event
from tests.conftest import free_port
from tests.messagebox import factories

pytestmark = pytest.mark.django_db


class Mailbox:
    """aiosmtpd handler keeping what arrives; refuses addresses ending in @nowhere.example."""

    def __init__(self):
        self.mails = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.endswith("@nowhere.example"):
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.mails.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, channels.ChannelRegistry]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    registry = channels.ChannelRegistry()
    registry.register("email", channels.SmtpChannel("127.0.0.1", port, "box@lifegate.example"))
    yield mailbox, registry
    controller.stop()


def _send(svb, bsn, key):
    return svb.post("/messagebox/messages", factories.message_body(bsn), key=key).json()["id"]


@pytest.mark.parametrize(("language", "expected"), [("nl", "nieuw bericht"), ("en", "new message")])
def test_a_new_message_is_announced_by_email_in_the_chosen_language_without_its_content(
    svb, sanne, smtp, language, expected
):
    mailbox, registry = smtp
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(party, services.Preferences("sanne@example.nl", language, True, 7))
    _send(svb, sanne.bsn, "a")
    _send(svb, sanne.bsn, "b")

    outcome = services.notify_new(registry)

    assert outcome.sent == 1
    [(recipients, text)] = mailbox.mails
    assert recipients == ["sanne@example.nl"]
    assert expected in text.lower()
    assert "Kinderbijslag" not in text and "child benefit" not in text.lower()
    assert services.notify_new(registry).sent == 0


def test_a_refused_address_publishes_a_failed_event(svb, sanne, smtp):
    _mailbox, registry = smtp
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(party, services.Preferences("sanne@nowhere.example", "nl", True, 7))
    message_id = _send(svb, sanne.bsn, "a")

    outcome = services.notify_new(registry)

    assert outcome.refused == 1
    failed = Event.objects.get(type="nl.lifegate.messagebox.message-failed")
    assert failed.subject == message_id


def test_a_message_unread_past_the_reminder_days_gets_one_reminder(svb, sanne, smtp):
    mailbox, registry = smtp
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(party, services.Preferences("sanne@example.nl", "en", True, 3))
    _send(svb, sanne.bsn, "a")
    services.notify_new(registry)
    later = timezone.now() + dt.timedelta(days=4)

    assert services.remind_unread(registry, timezone.now()).sent == 0
    assert services.remind_unread(registry, later).sent == 1
    assert services.remind_unread(registry, later).sent == 0
    assert "still unread" in mailbox.mails[-1][1]


def test_nobody_is_emailed_without_an_address_and_the_message_counts_as_notified(svb, sanne, smtp):
    mailbox, registry = smtp
    _send(svb, sanne.bsn, "a")

    services.notify_new(registry)

    assert mailbox.mails == []
    assert Message.objects.filter(notified_at__isnull=True).count() == 0
    assert Preference.objects.count() == 0


def test_expired_messages_are_shredded_with_their_keys_and_the_rest_stay(svb, sanne):
    old = _send(svb, sanne.bsn, "a")
    kept = _send(svb, sanne.bsn, "b")
    Message.objects.filter(id=old).update(retention_until=dt.date(2020, 1, 1))

    shredded = services.shred_expired()

    assert shredded == 1
    assert list(Message.objects.values_list("id", flat=True)) == [__import__("uuid").UUID(kept)]


def test_shredding_is_logged_with_the_count_and_nothing_of_the_content(svb, sanne):
    old = _send(svb, sanne.bsn, "a")
    Message.objects.filter(id=old).update(retention_until=dt.date(2020, 1, 1))

    with capture_logs() as logs:
        services.shred_expired(dt.date(2026, 1, 1))

    [entry] = [e for e in logs if e["event"] == "messagebox.retention.shredded"]
    assert entry["messages"] == 1
    assert "Kinderbijslag" not in repr(logs) and sanne.bsn not in repr(logs)
