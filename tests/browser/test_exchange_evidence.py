# SPDX-License-Identifier: EUPL-1.2
"""Lucía asks Spain for her birth certificate, previews it there and approves, in English;
then sees the read in "Who used my data", proven against the signed log. Sanne reads her
"Who used my data" page in Dutch and English. axe-clean."""

from __future__ import annotations

import re
import threading

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lifegate.catalog import services as catalog
from lifegate.exchange import services as exchange
from lifegate.exchange.evidence import provider
from lifegate.identity import rp
from tests.browser.conftest import axe_violations, describe, follow
from tests.identity import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db"),
]


@pytest.fixture
def spain(live_server, settings):
    settings.PUBLIC_URL = live_server.url
    rp._metadata.clear()
    rp._key_sets.clear()
    factories.personas(timezone.localdate())
    catalog.seed_organisations()
    server = provider.make(
        "127.0.0.1", 0, {"ES/NL/99999999R": ("García Fernández", "Madrid", "Tomo 412, folio 88")}
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EVIDENCE_PROVIDER_URL = f"http://127.0.0.1:{server.server_port}"
    yield
    server.shutdown()
    server.server_close()


@pytest.fixture
def new_page(browser):
    """Pages in a locale; their contexts are closed after the test (an open context keeps
    connections to the live server open)."""
    contexts = []

    def opened(locale):
        contexts.append(browser.new_context(locale=locale))
        return contexts[-1].new_page()

    yield opened
    for context in contexts:
        context.close()


def _clean(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def test_lucia_previews_and_approves_her_spanish_birth_certificate_in_english(
    new_page, live_server, spain
):
    page = new_page("en-GB")
    page.goto(f"{live_server.url}/en/sign-in")
    page.get_by_role("button", name="Sign in with eID").click()
    page.get_by_label("Lucía García Fernández").check()
    page.get_by_label("Substantial").check()
    follow(page.get_by_role("button", name="Sign in", exact=True))

    page.goto(f"{live_server.url}/en/evidence")
    _clean(page)
    follow(page.get_by_role("button", name="Request my birth certificate from Spain"))
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Preview your evidence before it is sent"
    )
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Madrid" in page.locator("main").inner_text()
    _clean(page)
    follow(page.get_by_role("button", name="Send it", exact=True))

    assert (
        "received and attached to your address registration"
        in page.locator("#evidence-status").inner_text()
    )
    assert "Madrid, Spain" in page.locator("main").inner_text()
    born = page.get_by_role("row", name="Date of birth").locator("td").inner_text()
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", born), born  # "14 May 1997", not ISO
    _clean(page)
    follow(page.get_by_role("link", name="Who used my data").last)
    assert "The log is intact." in page.locator("#log-status").inner_text()
    assert "birth certificate (from another country)" in page.locator("main").inner_text()
    assert "Intact (entry" in page.locator("main").inner_text()
    _clean(page)


@pytest.fixture
def sanne_was_read(live_server, settings):
    settings.PUBLIC_URL = live_server.url
    rp._metadata.clear()
    rp._key_sets.clear()
    sanne = factories.personas(timezone.localdate())["sanne"]
    catalog.seed_organisations()
    requester, subject = (
        exchange.Requester("belastingdienst-toeslagen"),
        exchange.Subject.bsn(sanne.bsn),
    )
    exchange.read_person_data(
        requester, "toeslagen-healthcare-allowance", subject, ["incomes.yearlyIncome"]
    )
    with pytest.raises(exchange.RefusedError):
        exchange.read_person_data(
            requester, "toeslagen-proactive-check", subject, ["incomes.assets"]
        )


DATA_USE = {
    "nl": {
        "path": "inloggen",
        "eid": "Inloggen met eID",
        "level": "Hoog",
        "sign_in": "Inloggen",
        "link": "Wie gebruikte mijn gegevens",
        "intact": "Het logboek is intact.",
        "entry": "Intact (regel",
        "refused": "Geweigerd: er is niets verstrekt",
    },
    "en": {
        "path": "sign-in",
        "eid": "Sign in with eID",
        "level": "High",
        "sign_in": "Sign in",
        "link": "Who used my data",
        "intact": "The log is intact.",
        "entry": "Intact (entry",
        "refused": "Refused: nothing was released",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sanne_sees_who_used_her_data_with_every_entry_proven_intact(
    new_page, live_server, sanne_was_read, language
):
    text = DATA_USE[language]
    page = new_page(f"{language}-NL")
    page.goto(f"{live_server.url}/{language}/{text['path']}")
    page.get_by_role("button", name=text["eid"]).click()
    page.get_by_label("Sanne de Vries").check()
    page.get_by_label(text["level"]).check()
    follow(page.get_by_role("button", name=text["sign_in"], exact=True))

    page.get_by_role("link", name=text["link"]).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(text["link"])  # waits for the page
    assert text["intact"] in page.locator("#log-status").inner_text()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    for i in range(2):
        assert text["entry"] in rows.nth(i).locator("td").last.inner_text()
    assert text["refused"] in page.locator("main").inner_text()
    _clean(page)
