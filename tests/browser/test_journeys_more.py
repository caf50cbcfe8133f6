# SPDX-License-Identifier: EUPL-1.2
"""More journeys in real Chromium, axe-clean: turning 18 (no legal basis, so Mila is asked
for permission first, then gets her offers) and acting for a parent under a mandate (Eva
accepts an offer for Jan; recorded under both names)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser, BrowserContext, Page

from lifegate.cases import services as cases
from lifegate.identity import models as identity_tables
from lifegate.identity import rp
from tests.browser.conftest import axe_violations, describe
from tests.cases.population import bsn_of, load
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
    turning_18: str
    may_we: str
    yes_check: str
    allowance: str
    retirement: str
    acting_for_jan: str
    switch: str
    accept_allowance: str
    waiting: str


DUTCH = Words(
    "nl", "nl-NL", "Inloggen met eID", "Inloggen", "Substantieel", "18 jaar worden",
    "Mogen we nagaan waar u recht op hebt?", "Ja, ga het voor mij na", "Zorgtoeslag",
    "Met pensioen gaan", "U handelt namens Jan", "Wisselen", "Zorgtoeslag accepteren",
    "Wacht op de organisatie",
)  # fmt: skip
ENGLISH = Words(
    "en", "en-GB", "Sign in with eID", "Sign in", "Substantial", "Turning 18",
    "May we check what you are entitled to?", "Yes, check it for me", "Healthcare allowance",
    "Retirement", "You are acting for Jan", "Switch", "Accept Healthcare allowance",
    "Waiting for the agency",
)  # fmt: skip
BOTH = pytest.mark.parametrize("words", [DUTCH, ENGLISH], ids=["nl", "en"])


@pytest.fixture
def people(live_server: Any, settings: Any) -> dict[str, int]:
    settings.PUBLIC_URL = live_server.url
    rp._metadata.clear()
    rp._key_sets.clear()
    return load(timezone.localdate())


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def _clean(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def _url(base: str, words: Words, name: str) -> str:
    with translation.override(words.language):
        return base + reverse(name)


def _signed_in(
    browser: Browser, contexts: list[BrowserContext], base: str, words: Words, persona: str
) -> Page:
    contexts.append(browser.new_context(locale=words.locale))
    page = contexts[-1].new_page()
    page.goto(_url(base, words, "identity:sign-in"))
    page.get_by_role("button", name=words.sign_in_with_eid).click()
    page.get_by_label(persona).check()
    page.get_by_label(words.substantial).check()
    page.get_by_role("button", name=words.sign_in, exact=True).click()
    page.wait_for_load_state()
    return page


def _journey(page: Page, base: str, words: Words, name: str) -> None:
    page.goto(_url(base, words, "cases:life-events"))
    _clean(page)
    page.get_by_role("link", name=name).click()
    _clean(page)


@BOTH
def test_mila_turning_18_is_asked_for_permission_then_sees_her_offers(
    browser, contexts, live_server, people, words
):
    today = timezone.localdate()
    cases.record_registry_event(
        cases.RegistryEvent("person.turns-18", bsn_of(people["mila"]), today)
    )
    page = _signed_in(browser, contexts, live_server.url, words, "Mila Jansen")

    _journey(page, live_server.url, words, words.turning_18)
    assert words.may_we in page.locator("main").inner_text()
    page.get_by_role("button", name=words.yes_check).click()

    main = page.locator("main").inner_text()
    assert words.may_we not in main
    assert words.allowance in page.locator("#step-zorgtoeslag").inner_text()
    _clean(page)


@BOTH
def test_eva_accepts_an_offer_for_her_father_under_her_mandate(
    browser, contexts, live_server, people, words
):
    today = timezone.localdate()
    event = cases.RegistryEvent("person.reaches-pension-age", bsn_of(people["jan"]), today)
    cases.record_registry_event(event)
    page = _signed_in(browser, contexts, live_server.url, words, "Eva Bakker")
    page.goto(_url(live_server.url, words, "identity:profile"))
    page.locator("#acting_for").select_option(value=f"person:{people['jan']}")
    page.get_by_role("button", name=words.switch).click()

    _journey(page, live_server.url, words, words.retirement)
    assert words.acting_for_jan in page.locator("main").inner_text()
    page.get_by_role("button", name=words.accept_allowance).click()
    assert words.waiting in page.locator("#step-zorgtoeslag").inner_text()
    _clean(page)

    assert [c.service for c in cases.cases_of_person(people["jan"])] == ["zorgtoeslag"]
    recorded = identity_tables.ActionRecord.objects.get(action="cases.accepted")
    assert (recorded.actor_ref, recorded.subject_ref) == (str(people["eva"]), str(people["jan"]))
