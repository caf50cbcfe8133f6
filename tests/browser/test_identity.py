# SPDX-License-Identifier: EUPL-1.2
"""Sign-in, acting for a child and mandates in real Chromium, both languages, axe-clean."""

import datetime as dt

import pytest
from django.utils import timezone

from lifegate.identity import rp
from tests.browser.conftest import axe_violations, describe
from tests.identity import factories

TODAY = timezone.localdate()
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server, settings):
    settings.PUBLIC_URL = live_server.url  # the provider's issuer and the redirect URI
    rp._metadata.clear()
    rp._key_sets.clear()
    return factories.personas(timezone.localdate())


def _clean(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def _sign_in(page, base, language, persona_label, level_label):
    page.goto(f"{base}/{language}/{'sign-in' if language == 'en' else 'inloggen'}")
    _clean(page)
    page.get_by_role(
        "button", name="Sign in with eID" if language == "en" else "Inloggen met eID"
    ).click()
    assert "DEMO" in page.locator("header").inner_text()
    assert page.locator("html").get_attribute("lang") == language
    _clean(page)
    page.get_by_label(persona_label).check()
    page.get_by_label(level_label).check()
    page.get_by_role(
        "button", name="Sign in" if language == "en" else "Inloggen", exact=True
    ).click()


def test_a_dutch_parent_signs_in_in_dutch_and_acts_for_her_baby(page, live_server, demo):
    _sign_in(page, live_server.url, "nl", "Sanne de Vries", "Hoog")

    assert page.get_by_role("heading", level=1).inner_text() == "Ingelogd als Sanne de Vries"
    _clean(page)
    page.get_by_label("Handelen namens").select_option(label="Noor de Vries (volgens de wet)")
    page.get_by_role("button", name="Wisselen").click()
    assert "U handelt namens Noor de Vries." in page.locator("#acting-now").inner_text()
    _clean(page)


def test_a_foreign_citizen_signs_in_in_english_and_is_not_yet_registered(page, live_server, demo):
    _sign_in(page, live_server.url, "en", "Lucía García Fernández", "Substantial")

    assert (
        page.get_by_role("heading", level=1).inner_text() == "Signed in as Lucía García Fernández"
    )
    assert "not yet registered" in page.locator("main").inner_text()
    _clean(page)


def test_a_father_grants_a_mandate_his_daughter_accepts_and_he_revokes_it(
    browser, live_server, demo
):
    jan_page = browser.new_context(locale="en-GB").new_page()
    _sign_in(jan_page, live_server.url, "en", "Jan Bakker", "Substantial")
    jan_page.goto(f"{live_server.url}/en/mandates")
    _clean(jan_page)
    jan_page.get_by_label("BSN of the person you trust").fill(demo["eva"].bsn)
    jan_page.get_by_label("Their family name").fill("Bakker")
    jan_page.get_by_label("Until").fill((TODAY + dt.timedelta(days=365)).isoformat())
    jan_page.get_by_role("button", name="Give mandate").click()
    assert "waiting for acceptance" in jan_page.locator("main").inner_text()

    eva_page = browser.new_context(locale="nl-NL").new_page()
    _sign_in(eva_page, live_server.url, "nl", "Eva Bakker", "Substantieel")
    eva_page.goto(f"{live_server.url}/nl/machtigingen")
    _clean(eva_page)
    eva_page.get_by_role("button", name="Accepteren").click()
    assert "actief" in eva_page.locator("main").inner_text()

    jan_page.reload()
    jan_page.get_by_role("button", name="Revoke").click()
    assert "revoked" in jan_page.locator("main").inner_text()
    _clean(jan_page)
