# SPDX-License-Identifier: EUPL-1.2
"""A child is born, in real Chromium, in both languages, axe-clean on every page: the
municipality records Noor's birth → journeys and offers for Sanne and Daan → a message →
Sanne accepts child benefit with one click → a case at SVB → the SVB official decides in
the work queue → the decision lands in Sanne's message box."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pyotp
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser, BrowserContext, Page

from lifegate.identity import rp
from lifegate.identity.officials import ensure_official
from tests.browser.conftest import axe_violations, describe
from tests.cases.population import bsn_of, load
from tests.identity.agency import agency_token
from tests.ledger.guard import ledger_flushable

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("ledger_flushable"),
]
__all__ = ["ledger_flushable"]


@dataclass(frozen=True)
class Words:
    language: str
    locale: str
    sign_in_with_eid: str
    sign_in: str
    substantial: str
    journey_message: str
    birth: str
    accept: str
    offered: str
    waiting: str
    not_entitled: str
    send_decision: str
    decision_message: str
    objection: str


DUTCH = Words(
    "nl", "nl-NL", "Inloggen met eID", "Inloggen", "Substantieel",
    "Uw route: Geboorte van een kind", "Geboorte van een kind", "Kinderbijslag accepteren",
    "Aangeboden", "Wacht op de organisatie", "geen recht", "Besluit versturen",
    "Besluit: Kinderbijslag", "bezwaar",
)  # fmt: skip
ENGLISH = Words(
    "en", "en-GB", "Sign in with eID", "Sign in", "Substantial",
    "Your journey: Birth of a child", "Birth of a child", "Accept Child benefit",
    "Offered to you", "Waiting for the agency", "not entitled", "Send the decision",
    "Decision: Child benefit", "objection",
)  # fmt: skip


def _url(base: str, language: str, name: str, *args: str) -> str:
    with translation.override(language):
        return base + reverse(name, args=args)


def _clean(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def _record_birth(base: str, people: dict[str, int]) -> None:
    headers = {"Authorization": f"Bearer {agency_token('gemeente-utrecht')}"}
    body = {
        "type": "person.born",
        "subjectBsn": bsn_of(people["noor"]),
        "date": timezone.localdate().isoformat(),
        "relatedBsns": [bsn_of(people["sanne"]), bsn_of(people["daan"])],
    }
    response = httpx.post(f"{base}/api/v1/cases/registry-events", json=body, headers=headers)
    assert response.status_code == 201, response.text


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Browser contexts closed after the test, so no keep-alive connection outlives it."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def _new_page(contexts: list[BrowserContext], browser: Browser, words: Words) -> Page:
    contexts.append(browser.new_context(locale=words.locale))
    return contexts[-1].new_page()


def _citizen(browser: Browser, contexts: list[BrowserContext], base: str, words: Words) -> Page:
    page = _new_page(contexts, browser, words)
    page.goto(_url(base, words.language, "identity:sign-in"))
    page.get_by_role("button", name=words.sign_in_with_eid).click()
    page.get_by_label("Sanne de Vries").check()
    page.get_by_label(words.substantial).check()
    page.get_by_role("button", name=words.sign_in, exact=True).click()
    page.wait_for_load_state()
    return page


def _official_decides(
    browser: Browser, contexts: list[BrowserContext], base: str, words: Words
) -> None:
    official = ensure_official("svb", "ambtenaar-svb")
    page = _new_page(contexts, browser, words)
    page.goto(_url(base, words.language, "identity:official-sign-in"))
    page.locator("#username").fill(official.username)
    page.locator("#password").fill(official.password)
    page.locator("#code").fill(pyotp.TOTP(official.totp_secret).now())
    page.locator("main form button[type=submit]").click()
    page.goto(_url(base, words.language, "cases:work-queue"))
    _clean(page)
    page.locator("main table a").first.click()
    assert "de Vries" in page.locator("main").inner_text()
    _clean(page)
    page.locator("#reasons").fill("Noor is under 18 and lives with you.")
    page.get_by_role("button", name=words.send_decision).click()
    assert "Noor is under 18" in page.locator("main").inner_text()
    _clean(page)


def _open_message(page: Page, base: str, words: Words, subject: str) -> str:
    page.goto(_url(base, words.language, "messagebox:inbox"))
    page.get_by_role("link", name=subject).first.click()
    _clean(page)
    return page.locator("main").inner_text()


@pytest.mark.parametrize("words", [DUTCH, ENGLISH], ids=["nl", "en"])
def test_a_child_is_born_from_registry_event_to_decision(
    browser, contexts, live_server, settings, words
):
    settings.PUBLIC_URL = live_server.url
    rp._metadata.clear()
    rp._key_sets.clear()
    people = load(timezone.localdate())
    base = live_server.url

    _record_birth(base, people)
    page = _citizen(browser, contexts, base, words)
    _open_message(page, base, words, words.journey_message)
    page.goto(_url(base, words.language, "cases:life-events"))
    _clean(page)
    page.get_by_role("link", name=words.birth).click()
    main = page.locator("main").inner_text()
    assert words.offered in main and "286" in main and words.not_entitled in main
    _clean(page)
    page.get_by_role("button", name=words.accept).click()
    assert words.waiting in page.locator("#step-kinderbijslag").inner_text()
    _clean(page)
    _official_decides(browser, contexts, base, words)

    decision = _open_message(page, base, words, words.decision_message)
    assert "Noor is under 18" in decision
    assert words.objection in decision.lower()


def test_the_journey_pages_are_refused_to_someone_signed_out(live_server, page: Any):
    page.goto(live_server.url + "/en/life-events")

    assert "/life-events" not in page.url or "sign" in page.url
