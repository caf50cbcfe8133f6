# SPDX-License-Identifier: EUPL-1.2
"""The message box in real Chromium, both languages, axe-clean: an agency sends through the
API with a real bearer token; the citizen reads (one read receipt), replies, acts, archives
and exports; a daughter reads her father's messages under a mandate; a holder whose scope
does not cover the message box is refused."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page

from lifegate.demo import models as demo
from lifegate.identity import models as identity_tables
from lifegate.identity import services as identity
from tests.browser.conftest import follow
from tests.browser.journeys import (
    EN,
    NL,
    SignIn,
    clean,
    contexts,
    new_page,
    serve_identity,
    sign_in,
    url,
)
from tests.identity import factories as personas
from tests.identity.agency import agency_token
from tests.messagebox import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["contexts"]


@dataclass(frozen=True)
class Words(SignIn):
    """What the pages say in one language."""

    subject: str
    reply_label: str
    send_reply: str
    replied: str
    accept_offer: str
    done: str
    archive: str
    export: str
    switch: str


DUTCH = Words(
    *NL, "Kinderbijslag toegekend",
    "Uw antwoord", "Antwoord versturen", "Uw antwoord is verstuurd.", "Aanbod accepteren",
    "Gedaan. De organisatie is op de hoogte gebracht.", "Archief",
    "Alle berichten downloaden (ZIP)", "Wisselen",
)  # fmt: skip
ENGLISH = Words(
    *EN, "Child benefit granted",
    "Your reply", "Send reply", "Your reply has been sent.", "Accept the offer",
    "Done. The organisation has been told.", "Archive", "Download all messages (ZIP)", "Switch",
)  # fmt: skip


class Agency:
    """An agency's system calling the live server's API over HTTP with its bearer token."""

    def __init__(self, base: str, organisation: str) -> None:
        headers = {"Authorization": f"Bearer {agency_token(organisation)}"}
        self.http = httpx.Client(base_url=f"{base}/api/v1", headers=headers, timeout=30)

    def send(self, bsn: str, key: str) -> str:
        body = factories.message_body(
            bsn,
            attachments=[factories.pdf_attachment()],
            actions=[{"type": "accept-offer", "reference": "offer-1"}],
        )
        response = self.http.post(
            "/messagebox/messages", json=body, headers={"Idempotency-Key": key}
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    def events(self, kind: str) -> list[dict[str, Any]]:
        found = self.http.get("/messagebox/events", params={"limit": 1000}).json()["events"]
        return [e for e in found if e["type"] == f"nl.lifegate.messagebox.message-{kind}"]


@pytest.fixture
def people(live_server: Any, settings: Any) -> dict[str, demo.Person]:
    serve_identity(live_server, settings)  # the provider's issuer and the token audience
    found = personas.personas(timezone.localdate())
    for index, person in enumerate(found.values()):  # the API checks the eleven-test
        person.bsn = factories.valid_bsn(500 + index) if person.bsn else ""
        person.save(update_fields=["bsn"])
    return found


@pytest.fixture
def svb(live_server: Any, people: dict[str, demo.Person]) -> Iterator[Agency]:
    agency = Agency(live_server.url, "svb")
    yield agency
    agency.http.close()


@pytest.fixture
def sign_in_as(
    browser: Browser, contexts: list[BrowserContext], live_server: Any
) -> Callable[[Words, str], Page]:
    """Sign in as a persona in a new browser context (closed after the test)."""

    def signed_in(words: Words, persona: str) -> Page:
        page = new_page(contexts, browser, words, accept_downloads=True)
        return sign_in(page, live_server.url, words, persona)

    return signed_in


def _read_reply_act(page: Page, words: Words, svb: Agency) -> None:
    follow(page.get_by_role("link", name=words.subject))
    assert page.get_by_role("heading", level=1).inner_text() == words.subject
    clean(page)
    page.reload()
    assert len(svb.events("read")) == 1  # opening twice: one receipt
    page.get_by_label(words.reply_label).fill("Dank u wel, klopt.")
    follow(page.get_by_role("button", name=words.send_reply))
    assert words.replied in page.get_by_role("status").inner_text()
    clean(page)
    follow(page.get_by_role("button", name=words.accept_offer))
    assert words.done in page.get_by_role("status").inner_text()
    clean(page)


def _export(page: Page, words: Words) -> dict[str, Any]:
    with page.expect_download() as download:
        page.get_by_role("link", name=words.export).click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    exported: dict[str, Any] = json.loads(archive.read("messages.json"))
    exported["files"] = archive.namelist()
    return exported


@pytest.mark.parametrize("words", [DUTCH, ENGLISH], ids=["nl", "en"])
def test_a_citizen_receives_reads_replies_acts_archives_and_exports(
    sign_in_as, live_server, svb, people, words
):
    message_id = svb.send(people["sanne"].bsn, "kb-1")
    page = sign_in_as(words, "Sanne de Vries")

    page.goto(url(live_server.url, words.language, "messagebox:inbox"))
    assert words.subject in page.locator("main").inner_text()
    assert page.locator("html").get_attribute("lang") == words.language
    clean(page)
    assert svb.events("read") == []  # listing is not reading
    _read_reply_act(page, words, svb)
    follow(page.get_by_role("button", name=words.archive, exact=True))
    assert words.subject in page.locator("main").inner_text()  # now in the archive folder
    clean(page)
    exported = _export(page, words)

    assert [e["data"]["messageId"] for e in svb.events("read")] == [message_id]
    assert [e["data"]["messageId"] for e in svb.events("replied")] == [message_id]
    assert [e["data"]["actionType"] for e in svb.events("action-taken")] == ["accept-offer"]
    replies = svb.http.get(f"/messagebox/messages/{message_id}/replies").json()
    assert [r["body"] for r in replies] == ["Dank u wel, klopt."]
    folders = sorted(m["folder"] for m in exported["messages"])
    assert folders == ["archive", "sent"]
    assert f"attachments/{message_id}/besluit.pdf" in exported["files"]
    page.goto(url(live_server.url, words.language, "messagebox:preferences"))
    clean(page)
    page.locator("#phone").fill("call me")
    page.locator("#notify_by_sms").check()
    follow(page.locator("main form button[type=submit]"))
    assert page.locator("#phone").get_attribute("aria-invalid") == "true"
    clean(page)  # the page with its error message, too


def _mandate(grantor: demo.Person, holder: demo.Person, scope: str) -> None:
    today = timezone.localdate()
    demo.MandateSeed.objects.create(
        grantor_person=grantor,
        holder_person=holder,
        scope=scope,
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=365),
    )
    identity.seed_persona_mandates()


def _act_for(page: Page, base: str, words: Words, person: demo.Person) -> None:
    page.goto(url(base, words.language, "identity:profile"))
    page.locator("#acting_for").select_option(value=f"person:{person.person_id}")
    follow(page.get_by_role("button", name=words.switch))
    page.goto(url(base, words.language, "messagebox:inbox"))


def test_a_daughter_reads_her_fathers_messages_under_a_care_mandate(
    sign_in_as, live_server, svb, people
):
    jan, eva = people["jan"], people["eva"]
    _mandate(jan, eva, "care-and-allowances")
    message_id = svb.send(jan.bsn, "aow-1")
    page = sign_in_as(ENGLISH, "Eva Bakker")

    _act_for(page, live_server.url, ENGLISH, jan)
    assert "You are reading the messages of Jan Bakker." in page.locator("main").inner_text()
    clean(page)
    _read_reply_act(page, ENGLISH, svb)

    records = identity_tables.ActionRecord.objects.filter(action__startswith="messagebox.")
    assert {(r.actor_ref, r.subject_ref, r.basis) for r in records} == {
        (str(eva.person_id), str(jan.person_id), "mandate")
    }
    assert {r.action for r in records} >= {
        "messagebox.opened",
        "messagebox.replied",
        "messagebox.action-taken",
    }
    assert [e["data"]["messageId"] for e in svb.events("read")] == [message_id]


def test_a_holder_whose_mandate_does_not_cover_the_message_box_is_refused(
    sign_in_as, live_server, svb, people
):
    lotte, femke = people["lotte"], people["femke"]
    _mandate(lotte, femke, "taxes")
    svb.send(lotte.bsn, "kb-lotte")
    page = sign_in_as(DUTCH, "Femke Smit")

    _act_for(page, live_server.url, DUTCH, lotte)

    main = page.locator("main").inner_text()
    assert "U kunt de berichten van Lotte van Dijk niet lezen" in main
    assert DUTCH.subject not in main
    clean(page)
    assert svb.events("read") == []
