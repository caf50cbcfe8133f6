# SPDX-License-Identifier: EUPL-1.2
"""Sign-in, acting for a child and mandates in real Chromium, both languages, axe-clean."""

import datetime as dt

import pytest
from django.utils import timezone

from lifegate.catalog import services as catalog
from lifegate.identity import rp
from tests.browser.conftest import axe_violations, describe, follow
from tests.identity import factories

TODAY = timezone.localdate()
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server, settings):
    settings.PUBLIC_URL = live_server.url  # the provider's issuer and the redirect URI
    rp._metadata.clear()
    rp._key_sets.clear()
    catalog.seed_organisations()  # the grant form offers the catalog's services and themes
    return factories.personas(timezone.localdate())


def _clean(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def _sign_in(page, base, language, persona_label, level_label):
    page.goto(f"{base}/{language}/{'sign-in' if language == 'en' else 'inloggen'}")
    _clean(page)
    follow(
        page.get_by_role(
            "button", name="Sign in with eID" if language == "en" else "Inloggen met eID"
        )
    )
    assert "DEMO" in page.locator("header").inner_text()
    assert page.locator("html").get_attribute("lang") == language
    _clean(page)
    page.get_by_label(persona_label).check()
    page.get_by_label(level_label).check()
    follow(
        page.get_by_role("button", name="Sign in" if language == "en" else "Inloggen", exact=True)
    )


WORDS = {
    "nl": {
        "signed_in": "Ingelogd als {}",
        "acting_label": "Handelen namens",
        "by_law": "Noor de Vries (volgens de wet)",
        "switch": "Wisselen",
        "acting_now": "U handelt namens Noor de Vries.",
        "not_registered": "nog niet ingeschreven",
        "mandates": "machtigingen",
        "bsn": "BSN van de persoon die u vertrouwt",
        "family": "Diens achternaam",
        "for": "Voor",
        "until": "Tot en met",
        "give": "Machtiging geven",
        "waiting": "wacht op acceptatie",
        "accept": "Accepteren",
        "active": "actief",
        "revoke": "Intrekken",
        "revoked": "ingetrokken",
        "service": "Zorgtoeslag",
        "high": "Hoog",
        "substantial": "Substantieel",
    },
    "en": {
        "signed_in": "Signed in as {}",
        "acting_label": "Act for",
        "by_law": "Noor de Vries (by law)",
        "switch": "Switch",
        "acting_now": "You are acting for Noor de Vries.",
        "not_registered": "not yet registered",
        "mandates": "mandates",
        "bsn": "BSN of the person you trust",
        "family": "Their family name",
        "for": "For",
        "until": "Until",
        "give": "Give mandate",
        "waiting": "waiting for acceptance",
        "accept": "Accept",
        "active": "active",
        "revoke": "Revoke",
        "revoked": "revoked",
        "service": "Healthcare allowance",
        "high": "High",
        "substantial": "Substantial",
    },
}
OTHER = {"nl": "en", "en": "nl"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_dutch_parent_signs_in_and_acts_for_her_baby(page, live_server, demo, language):
    words = WORDS[language]
    _sign_in(page, live_server.url, language, "Sanne de Vries", words["high"])

    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == words["signed_in"].format("Sanne de Vries")
    _clean(page)
    page.get_by_label(words["acting_label"]).select_option(label=words["by_law"])
    follow(page.get_by_role("button", name=words["switch"]))
    assert words["acting_now"] in page.locator("#acting-now").inner_text()
    _clean(page)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_foreign_citizen_signs_in_and_is_not_yet_registered(page, live_server, demo, language):
    words = WORDS[language]
    _sign_in(page, live_server.url, language, "Lucía García Fernández", words["substantial"])

    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == words["signed_in"].format("Lucía García Fernández")
    assert words["not_registered"] in page.locator("main").inner_text()
    _clean(page)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_father_grants_a_mandate_for_a_service_his_daughter_accepts_and_he_revokes_it(
    browser, live_server, demo, language
):
    jan_words, eva_words = WORDS[language], WORDS[OTHER[language]]
    jan_page = browser.new_context(locale=f"{language}-NL").new_page()
    _sign_in(jan_page, live_server.url, language, "Jan Bakker", jan_words["substantial"])
    jan_page.goto(f"{live_server.url}/{language}/{jan_words['mandates']}")
    _clean(jan_page)
    jan_page.get_by_label(jan_words["bsn"]).fill(demo["eva"].bsn)
    jan_page.get_by_label(jan_words["family"]).fill("Bakker")
    jan_page.get_by_label(jan_words["for"], exact=True).select_option(label=jan_words["service"])
    jan_page.get_by_label(jan_words["until"]).fill((TODAY + dt.timedelta(days=365)).isoformat())
    follow(jan_page.get_by_role("button", name=jan_words["give"]))
    main = jan_page.locator("main").inner_text()
    assert jan_words["waiting"] in main
    assert jan_words["service"] in main

    eva_language = OTHER[language]
    eva_page = browser.new_context(locale=f"{eva_language}-NL").new_page()
    _sign_in(eva_page, live_server.url, eva_language, "Eva Bakker", eva_words["substantial"])
    eva_page.goto(f"{live_server.url}/{eva_language}/{eva_words['mandates']}")
    _clean(eva_page)
    follow(eva_page.get_by_role("button", name=eva_words["accept"]))
    assert eva_words["active"] in eva_page.locator("main").inner_text()
    assert eva_words["service"] in eva_page.locator("main").inner_text()

    jan_page.reload()
    follow(jan_page.get_by_role("button", name=jan_words["revoke"]))
    assert jan_words["revoked"] in jan_page.locator("main").inner_text()
    _clean(jan_page)


@pytest.mark.parametrize(
    ("language", "heading"), [("nl", "Inloggen niet gelukt"), ("en", "Sign-in not completed")]
)
def test_a_replayed_sign_in_answer_is_refused_with_a_clear_page(
    browser, live_server, demo, language, heading
):
    page = browser.new_context(locale="en-GB" if language == "en" else "nl-NL").new_page()
    callbacks = []
    page.on("request", lambda r: callbacks.append(r.url) if "/identity/callback" in r.url else None)
    _sign_in(page, live_server.url, language, "Sanne de Vries", WORDS[language]["substantial"])
    assert callbacks, "the provider did not send the browser back"

    page.goto(callbacks[0])  # the same code and state again: a replay

    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert "Traceback" not in page.content()
    _clean(page)
