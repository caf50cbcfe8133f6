# SPDX-License-Identifier: EUPL-1.2
"""DUO's official suspends Ahmed's diploma in real Chromium, in both languages, axe-clean on
every page; the university's next check of the diploma then refuses it."""

from __future__ import annotations

import uuid

import httpx
import pytest
from playwright.sync_api import expect

from lifegate.credentials import services, trust
from lifegate.credentials.models import PresentationRequest
from lifegate.credentials.openid4vc import parse_presentation_link
from lifegate.credentials.wallet import Wallet
from tests.browser.conftest import follow
from tests.browser.journeys import JOURNEY_MARKS, clean, contexts, official_sign_in, url
from tests.credentials.registry_factory import AHMED_ID, ahmed_el_amrani

__all__ = ["contexts"]  # a fixture: closes this module's browser contexts after each test

pytestmark = JOURNEY_MARKS

TEXT = {
    "en": {
        "issued": "Issued credentials",
        "revoke": "Revoke: never valid again",
        "suspend": "Suspend: not valid until reinstated",
        "change": "Change the status",
        "confirm": "Confirm that you know revoking cannot be undone",
        "changed": "The status is changed.",
        "suspended": "Suspended",
        "start": "Start the check",
        "refused": "The issuer has suspended this credential.",
    },
    "nl": {
        "issued": "Uitgegeven bewijzen",
        "revoke": "Intrekken: nooit meer geldig",
        "suspend": "Schorsen: niet geldig tot het weer geldig wordt gemaakt",
        "change": "Status wijzigen",
        "confirm": "Bevestig dat u weet dat intrekken niet ongedaan kan worden gemaakt",
        "changed": "De status is gewijzigd.",
        "suspended": "Geschorst",
        "start": "Controle starten",
        "refused": "De uitgever heeft dit bewijs geschorst.",
    },
}


@pytest.fixture
def ahmeds_wallet(live_server, settings):
    """Ahmed's reference wallet, holding the diploma DUO issued to it over loopback HTTP."""
    settings.PUBLIC_URL = live_server.url
    trust.forget()
    ahmed_el_amrani()
    with httpx.Client(timeout=10.0) as http:
        wallet = Wallet({}, http, live_server.url)
        offer = services.create_offer("diploma", AHMED_ID)
        wallet.receive(offer.link, offer.tx_code)
        yield wallet
    trust.forget()


def _university_checks(page, base, language, wallet, text):
    """The university's desk starts a check; Ahmed's wallet answers it from his phone."""
    page.goto(url(base, language, "credentials:verifier", "university"))
    follow(page.get_by_role("button", name=text["start"]))
    link = page.locator("#request-link").get_attribute("href")
    wallet.send(wallet.prepare(link))
    _client_id, uri = parse_presentation_link(link)
    verdict = PresentationRequest.objects.get(pk=uuid.UUID(uri.rsplit("/", 1)[1])).verdict
    assert verdict is not None, "the wallet's answer got no verdict"
    return verdict["credentials"][0]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_duo_suspends_ahmeds_diploma_and_the_university_refuses_it(
    browser, contexts, live_server, ahmeds_wallet, language
):
    text = TEXT[language]
    contexts.append(browser.new_context(locale=f"{language}-NL"))
    page = official_sign_in(contexts[-1].new_page(), live_server.url, language, "duo", "duo-1")
    clean(page)
    follow(page.get_by_role("link", name=text["issued"]))
    clean(page)
    follow(page.locator("main table a", has_text="Computing Science"))
    clean(page)

    page.get_by_label(text["revoke"]).check()
    follow(page.get_by_role("button", name=text["change"]))
    expect(page.get_by_role("alert")).to_contain_text(text["confirm"])
    assert page.locator("html").get_attribute("lang") == language
    clean(page)
    page.get_by_label(text["suspend"]).check()
    follow(page.get_by_role("button", name=text["change"]))

    expect(page.get_by_role("status")).to_contain_text(text["changed"])
    expect(page.locator("#credential-status")).to_have_text(text["suspended"])
    clean(page)
    desk = contexts[-1].new_page()
    refused = _university_checks(desk, live_server.url, language, ahmeds_wallet, text)

    assert refused["reason"] == "suspended"
    expect(desk.locator("#refusal-reason")).to_contain_text(text["refused"], timeout=15_000)
    clean(desk)
