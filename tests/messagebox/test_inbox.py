# SPDX-License-Identifier: EUPL-1.2
"""A party's box: listing never marks read, opening does once, actions, archive, export."""

import io
import json
import zipfile

import pytest

from lifegate.messagebox import services
from lifegate.messagebox.models import AccessAttempt
from lifegate.outbox.models import Event
from tests.messagebox import factories

pytestmark = pytest.mark.django_db


def _send(svb, bsn, key, **changes):
    response = svb.post("/messagebox/messages", factories.message_body(bsn, **changes), key=key)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _viewer(person):
    party = services.party_of_person(person.person_id)
    return services.Viewer(party, party)


def _read_events():
    return Event.objects.filter(type="nl.lifegate.messagebox.message-read").count()


def test_listing_never_sends_a_read_receipt_and_opening_sends_exactly_one(svb, sanne):
    message_id = _send(svb, sanne.bsn, "a")
    viewer = _viewer(sanne)

    services.list_messages(viewer.party, language="nl")
    assert _read_events() == 0
    services.open_message(viewer, message_id, "nl")
    services.open_message(viewer, message_id, "en")

    assert _read_events() == 1


def test_the_inbox_shows_unread_first_then_newest_in_the_chosen_language(svb, sanne):
    first, second, third = (_send(svb, sanne.bsn, k) for k in "abc")
    viewer = _viewer(sanne)
    services.open_message(viewer, third, "nl")

    page = services.list_messages(viewer.party, language="en")

    assert [item.id for item in page.items] == [second, first, third]
    assert page.items[0].subject == "Child benefit granted"
    assert page.unread == 2


def test_search_and_organisation_filter_find_the_right_messages(svb, duo, sanne):
    wanted = _send(
        svb,
        sanne.bsn,
        "a",
        texts=[{"language": "nl", "subject": "Zorgtoeslag herzien", "body": "x"}],
    )
    _send(svb, sanne.bsn, "b")
    from_duo = _send(duo, sanne.bsn, "c")
    party = _viewer(sanne).party

    found = services.list_messages(party, language="nl", query="zorgtoeslag")
    by_duo = services.list_messages(party, language="nl", organisation="duo")

    assert [i.id for i in found.items] == [wanted]
    assert [i.id for i in by_duo.items] == [from_duo]


def test_opening_another_persons_message_is_not_found_and_logged(svb, sanne):
    message_id = _send(svb, sanne.bsn, "a")
    daan = factories.person(given_names="Daan")

    with pytest.raises(services.MessageNotFoundError):
        services.open_message(_viewer(daan), message_id, "nl")

    assert AccessAttempt.objects.filter(channel="portal", message_id=message_id).count() == 1
    assert _read_events() == 0


def test_taking_an_action_is_recorded_once_and_told_to_the_agency(svb, sanne):
    actions = [
        {"type": "accept-offer", "reference": "offer-9"},
        {"type": "pay", "url": "https://pay.example/1", "amount": "12.50"},
    ]
    message_id = _send(svb, sanne.bsn, "a", actions=actions)
    viewer = _viewer(sanne)

    taken = services.take_action(viewer, message_id, 0)
    services.take_action(viewer, message_id, 0)

    assert taken.type == "accept-offer"
    events = Event.objects.filter(type="nl.lifegate.messagebox.message-action-taken")
    assert [e.data["actionReference"] for e in events] == ["offer-9"]
    assert svb.get(f"/messagebox/messages/{message_id}").json()["actionTaken"] == "accept-offer"


def test_archiving_moves_a_message_between_folders(svb, sanne):
    message_id = _send(svb, sanne.bsn, "a")
    viewer = _viewer(sanne)

    services.archive(viewer, message_id)

    assert services.list_messages(viewer.party, language="nl").total == 0
    assert services.list_messages(viewer.party, language="nl", folder="archive").total == 1


def test_the_export_holds_every_message_with_its_attachments_decrypted(svb, sanne):
    message_id = _send(svb, sanne.bsn, "a", attachments=[factories.pdf_attachment("besluit.pdf")])
    services.reply(_viewer(sanne), message_id, "Bedankt", "nl")

    archive = zipfile.ZipFile(io.BytesIO(services.export_zip(_viewer(sanne).party, "nl")))

    messages = json.loads(archive.read("messages.json"))["messages"]
    assert [m["from"] for m in messages] == ["svb", "you"]
    assert messages[0]["texts"][0]["subject"] == "Kinderbijslag toegekend"
    assert archive.read(f"attachments/{message_id}/besluit.pdf") == factories.PDF


def test_an_attachment_downloads_decrypted(svb, sanne):
    message_id = _send(svb, sanne.bsn, "a", attachments=[factories.pdf_attachment("besluit.pdf")])
    view = services.open_message(_viewer(sanne), message_id, "nl")

    name, content_type, data = services.read_attachment(
        _viewer(sanne), message_id, view.attachments[0].id
    )

    assert (name, content_type, data) == ("besluit.pdf", "application/pdf", factories.PDF)
