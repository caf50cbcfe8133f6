# SPDX-License-Identifier: EUPL-1.2
"""Studying abroad in real Chromium, in both languages, axe-clean on every page: Ahmed gets
his diploma into the lifegate wallet and shows the university only degree and institution."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from lifegate.credentials import services, trust
from lifegate.credentials.models import PresentationRequest
from lifegate.credentials.wallet import Wallet
from lifegate.identity import rp
from tests.browser.conftest import axe_violations, describe, follow
from tests.browser.journeys import contexts
from tests.credentials.registry_factory import AHMED_ID, ahmed_el_amrani

__all__ = ["contexts"]  # a fixture: closes this module's browser contexts after each test

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db"),  # issuing is logged through the exchange
]

TEXT = {
    "en": {
        "sign_in_path": "sign-in",
        "eid": "Sign in with eID",
        "level": "Substantial",
        "sign_in": "Sign in",
        "get": "Get Diploma",
        "open_wallet": "Open in the lifegate wallet",
        "tx": "Transaction code",
        "receive": "Receive",
        "received": "Diploma received and stored in your wallet.",
        "start": "Start the check",
        "asks": "University of Leuven (demo) asks for information",
        "share": "Share",
        "verified": "Verified.",
        "degree": "Degree",
        "institution": "Institution",
        "verifier": "University of Leuven (demo)",
    },
    "nl": {
        "sign_in_path": "inloggen",
        "eid": "Inloggen met eID",
        "level": "Substantieel",
        "sign_in": "Inloggen",
        "get": "Diploma ophalen",
        "open_wallet": "Openen in de lifegate-wallet",
        "tx": "Transactiecode",
        "receive": "Ontvangen",
        "received": "Diploma ontvangen en bewaard in uw wallet.",
        "start": "Controle starten",
        "asks": "Universiteit Leuven (demo) vraagt om gegevens",
        "share": "Delen",
        "verified": "Gecontroleerd.",
        "degree": "Graad",
        "institution": "Onderwijsinstelling",
        "verifier": "Universiteit Leuven (demo)",
    },
}


@pytest.fixture
def installation(live_server, settings):
    settings.PUBLIC_URL = live_server.url  # the eID provider, issuer and verifier all live here
    rp._metadata.clear()
    rp._key_sets.clear()
    trust.forget()
    ahmed_el_amrani()
    yield live_server.url
    trust.forget()


def _new_context(browser, contexts, language):
    """A browser context closed after the test: its pages poll (htmx) while they are open,
    and must not keep calling the live server during the tests that follow."""
    contexts.append(browser.new_context(locale=f"{language}-NL"))
    return contexts[-1]


def _clean(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def _url(base, language, name, *args):
    with translation.override(language):
        return base + reverse(name, args=args)


def _sign_in_as_ahmed(page, base, language, text):
    page.goto(f"{base}/{language}/{text['sign_in_path']}")
    page.get_by_role("button", name=text["eid"]).click()
    page.get_by_label("Ahmed El Amrani").check()
    page.get_by_label(text["level"]).check()
    follow(page.get_by_role("button", name=text["sign_in"], exact=True))


def _table(page, table_id):
    rows = page.locator(f"#{table_id} tbody tr")
    rows.first.wait_for()  # the click before may still be navigating; count() does not wait
    return {
        rows.nth(i).locator("th").inner_text(): rows.nth(i).locator("td").inner_text()
        for i in range(rows.count())
    }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_ahmed_gets_his_diploma_and_shows_leuven_only_degree_and_institution(
    browser, contexts, installation, language
):
    text = TEXT[language]
    page = _new_context(browser, contexts, language).new_page()
    _sign_in_as_ahmed(page, installation, language, text)

    page.goto(_url(installation, language, "credentials:overview"))
    _clean(page)
    follow(page.get_by_role("button", name=text["get"]))
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("svg[role=img]")).to_have_count(1)  # the QR code
    assert (
        page.locator("#offer-link").get_attribute("href").startswith("openid-credential-offer://")
    )
    tx_code = page.locator("#tx-code").inner_text()
    _clean(page)
    follow(page.get_by_role("link", name=text["open_wallet"]))
    _clean(page)
    page.get_by_label(text["tx"]).fill(tx_code)
    follow(page.get_by_role("button", name=text["receive"], exact=True))
    assert text["received"] in page.locator("main").inner_text()
    _clean(page)

    page.goto(_url(installation, language, "credentials:verifiers"))
    _clean(page)
    page.goto(_url(installation, language, "credentials:verifier", "university"))
    _clean(page)
    follow(page.get_by_role("button", name=text["start"]))
    assert page.locator("#request-link").get_attribute("href").startswith("openid4vp://")
    _clean(page)
    follow(page.get_by_role("link", name=text["open_wallet"]))
    assert _table(page, "disclosed") == {
        text["degree"]: "Master of Science",
        text["institution"]: "Rijksuniversiteit Groningen",
    }
    _clean(page)
    follow(page.get_by_role("button", name=text["share"], exact=True))

    assert text["verified"] in page.locator("#verdict").inner_text()
    assert _table(page, "disclosed") == {
        text["degree"]: "Master of Science",
        text["institution"]: "Rijksuniversiteit Groningen",
    }
    assert page.locator("html").get_attribute("lang") == language
    _clean(page)
    page.goto(_url(installation, language, "credentials:overview"))  # now with his diploma
    expect(page.locator("#issued tbody tr")).to_have_count(1)
    _clean(page)
    page.goto(_url(installation, language, "credentials:wallet"))  # the wallet's own note
    shared = page.locator("#shared tbody tr")
    expect(shared).to_have_count(1)
    expect(shared.locator("td").nth(1)).to_have_text(text["verifier"])
    expect(shared.locator("td").nth(2)).to_contain_text(f"{text['degree']}: Master of Science")
    _clean(page)


FOLLOW = {
    "en": {"collected": "Your wallet has received the credential.", "verified": "Verified."},
    "nl": {"collected": "Uw wallet heeft het bewijs ontvangen.", "verified": "Gecontroleerd."},
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_offer_and_the_verifier_pages_update_themselves_when_the_wallet_acts(
    browser, contexts, installation, language
):
    """Cross-device: the pages waiting for a wallet change without anyone clicking."""
    text, words = TEXT[language], FOLLOW[language]
    citizen = _new_context(browser, contexts, language)
    offer_page = citizen.new_page()
    _sign_in_as_ahmed(offer_page, installation, language, text)
    offer_page.goto(_url(installation, language, "credentials:overview"))
    follow(offer_page.get_by_role("button", name=text["get"]))
    wallet = citizen.new_page()  # the wallet on "another device": a second tab
    to_wallet = offer_page.get_by_role("link", name=text["open_wallet"]).get_attribute("href")
    wallet.goto(installation + to_wallet)
    wallet.get_by_label(text["tx"]).fill(offer_page.locator("#tx-code").inner_text())
    follow(wallet.get_by_role("button", name=text["receive"], exact=True))

    expect(offer_page.locator("#offer-status")).to_contain_text(words["collected"], timeout=15_000)
    expect(offer_page.locator("#tx-code")).to_have_count(0)  # no code left to read off
    _clean(offer_page)

    clerk = _new_context(browser, contexts, language).new_page()  # the university's desk
    clerk.goto(_url(installation, language, "credentials:verifier", "university"))
    follow(clerk.get_by_role("button", name=text["start"]))
    request_link = clerk.locator("#request-link").get_attribute("href")
    with translation.override(language):
        present = reverse("credentials:wallet-present")
    wallet.goto(f"{installation}{present}?{urlencode({'request': request_link})}")
    expect(wallet.locator("h1")).to_have_text(text["asks"])  # as registered, in the page's words
    follow(wallet.get_by_role("button", name=text["share"], exact=True))

    expect(clerk.locator("#verdict")).to_contain_text(words["verified"], timeout=15_000)
    expect(clerk).to_have_title(re.compile(f"^{re.escape(words['verified'])} "))
    assert _table(clerk, "disclosed") == {
        text["degree"]: "Master of Science",
        text["institution"]: "Rijksuniversiteit Groningen",
    }
    _clean(clerk)


def test_a_waiting_verifier_page_says_so_when_the_request_expires(browser, contexts, installation):
    clerk = _new_context(browser, contexts, "nl").new_page()
    clerk.goto(_url(installation, "nl", "credentials:verifier", "university"))
    follow(clerk.get_by_role("button", name=TEXT["nl"]["start"]))
    expect(clerk.locator("#answer-status")).to_have_count(1)

    PresentationRequest.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    expect(clerk.locator("#verdict")).to_contain_text("Dit verzoek is verlopen.", timeout=15_000)
    expect(clerk.locator("#request-link")).to_have_count(0)
    _clean(clerk)
    follow(clerk.get_by_role("button", name=TEXT["nl"]["start"]))  # a new check, a new code
    expect(clerk.locator("#request-link")).to_have_count(1)


WITHDRAW = {
    "en": {
        "link": "Withdraw Diploma:",
        "button": "Withdraw this credential",
        "confirm": "I know that withdrawing cannot be undone",
        "problem": "Confirm that you know withdrawing cannot be undone, or go back.",
        "done": "The credential is withdrawn.",
        "status": "Revoked",
    },
    "nl": {
        "link": "Intrekken: Diploma:",
        "button": "Dit bewijs intrekken",
        "confirm": "Ik weet dat intrekken niet ongedaan kan worden gemaakt",
        "problem": "Bevestig dat u weet dat intrekken niet ongedaan kan worden gemaakt, of ga "
        "terug.",
        "done": "Het bewijs is ingetrokken.",
        "status": "Ingetrokken",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_ahmed_withdraws_his_diploma_after_losing_his_phone(
    browser, contexts, installation, language
):
    text, words = TEXT[language], WITHDRAW[language]
    with httpx.Client(timeout=10.0) as http:  # the wallet on the phone he then lost
        offer = services.create_offer("diploma", AHMED_ID)
        Wallet({}, http, installation).receive(offer.link, offer.tx_code)
    page = _new_context(browser, contexts, language).new_page()
    _sign_in_as_ahmed(page, installation, language, text)
    page.goto(_url(installation, language, "credentials:overview"))

    follow(page.get_by_role("link", name=re.compile(f"^{re.escape(words['link'])}")))
    expect(page.locator("#to-withdraw tbody tr")).to_have_count(1)
    _clean(page)
    follow(page.get_by_role("button", name=words["button"]))  # not confirmed yet
    expect(page.get_by_role("alert")).to_have_text(words["problem"])
    _clean(page)
    page.get_by_label(words["confirm"]).check()
    follow(page.get_by_role("button", name=words["button"]))

    expect(page.locator("#just-withdrawn")).to_contain_text(words["done"])
    expect(page.locator("#issued tbody tr td").nth(2)).to_contain_text(words["status"])
    assert page.locator("html").get_attribute("lang") == language
    _clean(page)


RENEW = {
    "en": {"button": "Get new copies", "renewed": "Diploma: you now have 5 copies no verifier"},
    "nl": {
        "button": "Nieuwe exemplaren ophalen",
        "renewed": "Diploma: u hebt nu 5 exemplaren die nog geen controleur zag.",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_wallet_gets_new_copies_for_those_it_has_shown(
    browser, contexts, installation, language
):
    text, words = TEXT[language], RENEW[language]
    offer = services.create_offer("diploma", AHMED_ID)
    wallet = _new_context(browser, contexts, language).new_page()
    wallet.goto(
        _url(installation, language, "credentials:wallet") + "?" + urlencode({"offer": offer.link})
    )
    wallet.get_by_label(text["tx"]).fill(offer.tx_code)
    follow(wallet.get_by_role("button", name=text["receive"], exact=True))
    expect(wallet.get_by_role("button", name=words["button"])).to_have_count(0)
    link = services.start_presentation("university", language)
    with translation.override(language):
        present = reverse("credentials:wallet-present")
    wallet.goto(f"{installation}{present}?{urlencode({'request': link})}")
    follow(wallet.get_by_role("button", name=text["share"], exact=True))
    wallet.goto(_url(installation, language, "credentials:wallet"))
    _clean(wallet)

    follow(wallet.get_by_role("button", name=re.compile(words["button"])))

    expect(wallet.locator("#renewed")).to_contain_text(words["renewed"])
    expect(wallet.get_by_role("button", name=re.compile(words["button"]))).to_have_count(0)
    _clean(wallet)
