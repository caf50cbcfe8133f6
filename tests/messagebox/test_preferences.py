# SPDX-License-Identifier: EUPL-1.2
"""Notification choices: set on the portal page, obeyed per channel (e-mail, SMS plug-in)."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import asdict

import pytest
from django.test import Client
from django.utils import timezone

from lifegate.demo import models as demo
from lifegate.identity import session
from lifegate.messagebox import channels, services
from tests.messagebox.test_notifications import _send

pytestmark = pytest.mark.django_db


class Recorder:
    """A channel that keeps what it is asked to send (an SMS gateway, in a test)."""

    def __init__(self, fail: type[Exception] | None = None) -> None:
        self.sent: list[channels.Notification] = []
        self.fail = fail

    def send(self, notification: channels.Notification) -> None:
        if self.fail is not None:
            raise self.fail("down")
        self.sent.append(notification)


def _registry(**found: Recorder) -> channels.ChannelRegistry:
    registry = channels.ChannelRegistry()
    for channel_id, channel in found.items():
        registry.register(channel_id, channel)
    return registry


def _citizen(person: demo.Person, language: str = "en") -> Client:
    client = Client()
    store = client.session
    store[session.CITIZEN] = asdict(
        session.Citizen(
            language, person.person_id, True, person.given_names, person.family_name,
            "1990-01-01", "substantial",
        )
    )  # fmt: skip
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store.save()
    return client


def test_a_citizen_chooses_text_messages_on_the_page_and_the_choice_is_kept(sanne):
    client = _citizen(sanne)

    response = client.post(
        "/en/messages/notifications",
        {"email": "", "phone": "+31 6 1234 5678", "notify_by_sms": "on", "language": "en",
         "reminder_days": "2"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "Your choices have been saved." in response.content.decode()
    chosen = services.get_preferences(services.party_of_person(sanne.person_id))
    assert (chosen.phone, chosen.notify_by_sms, chosen.notify_by_email) == (
        "+31612345678", True, False,
    )  # fmt: skip
    assert chosen.reminder_days == 2


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "This is not a mobile number."), ("nl", "Dit is geen mobiel nummer.")],
)
def test_a_wrong_phone_number_is_refused_with_what_to_do_and_nothing_changes(
    sanne, language, message
):
    client = _citizen(sanne, language)
    path = "/en/messages/notifications" if language == "en" else "/nl/berichten/meldingen"

    response = client.post(path, {"phone": "call me", "notify_by_sms": "on", "language": "nl"})

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html and 'aria-invalid="true"' in html
    assert services.get_preferences(services.party_of_person(sanne.person_id)).phone == ""


def test_a_new_message_is_announced_by_sms_without_its_content(svb, sanne):
    sms, email = Recorder(), Recorder()
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(
        party, services.Preferences("", "nl", False, 7, phone="+31612345678", notify_by_sms=True)
    )
    _send(svb, sanne.bsn, "a")

    outcome = services.notify_new(_registry(sms=sms, email=email))

    assert outcome.sent == 1
    [text] = sms.sent
    assert text.to == "+31612345678"
    assert "(svb)" in text.text  # who sent it (named from the catalog when it is seeded)
    assert "Kinderbijslag" not in text.text and "toegekend" not in text.text
    assert email.sent == []


def test_both_channels_are_used_when_both_are_chosen_and_one_outage_does_not_resend(svb, sanne):
    sms, email = Recorder(fail=channels.ChannelUnavailableError), Recorder()
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(
        party,
        services.Preferences(
            "s@example.nl", "en", True, 7, phone="+31612345678", notify_by_sms=True
        ),
    )
    _send(svb, sanne.bsn, "a")

    outcome = services.notify_new(_registry(sms=sms, email=email))

    assert outcome.sent == 1  # told by e-mail: the message counts as notified
    assert [n.to for n in email.sent] == ["s@example.nl"]
    assert services.notify_new(_registry(sms=Recorder(), email=email)).sent == 0


def test_sms_is_skipped_where_the_installation_has_no_sms_channel(svb, sanne):
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(
        party, services.Preferences("", "nl", False, 7, phone="+31612345678", notify_by_sms=True)
    )
    _send(svb, sanne.bsn, "a")

    outcome = services.notify_new(_registry(email=Recorder()))

    assert (outcome.sent, outcome.refused, outcome.postponed) == (0, 0, 0)


def test_an_unread_message_gets_an_sms_reminder_once(svb, sanne):
    sms = Recorder()
    party = services.party_of_person(sanne.person_id)
    services.set_preferences(
        party, services.Preferences("", "en", False, 3, phone="+31612345678", notify_by_sms=True)
    )
    _send(svb, sanne.bsn, "a")
    registry = _registry(sms=sms)
    services.notify_new(registry)
    later = timezone.now() + dt.timedelta(days=4)

    first, again = services.remind_unread(registry, later), services.remind_unread(registry, later)

    assert (first.sent, again.sent) == (1, 0)
    assert len(sms.sent) == 2
    assert "unread" in sms.sent[-1].text


def test_choosing_sms_without_a_phone_number_leaves_sms_off(sanne):
    party = services.party_of_person(sanne.person_id)

    services.set_preferences(party, services.Preferences("", "nl", True, 7, notify_by_sms=True))

    assert services.get_preferences(party).notify_by_sms is False
