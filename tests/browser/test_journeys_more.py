# SPDX-License-Identifier: EUPL-1.2
"""More journeys in real Chromium, axe-clean: turning 18 (no legal basis, so Mila is asked
for permission first, then gets her offers) and acting for a parent under a mandate (Eva
accepts an offer for Jan; recorded under both names)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from lifegate.cases import services as cases
from lifegate.identity import models as identity_tables
from tests.browser.conftest import follow
from tests.browser.journeys import (
    EN,
    JOURNEY_MARKS,
    NL,
    SignIn,
    clean,
    contexts,
    people,
    signed_in,
    url,
)
from tests.cases.population import bsn_of

pytestmark = JOURNEY_MARKS
__all__ = ["contexts", "people"]


@dataclass(frozen=True)
class Words(SignIn):
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
    *NL, "18 jaar worden",
    "Mogen we nagaan waar u recht op hebt?", "Ja, ga het voor mij na", "Zorgtoeslag",
    "Met pensioen gaan", "U handelt namens Jan", "Wisselen", "Zorgtoeslag accepteren",
    "Wacht op de organisatie",
)  # fmt: skip
ENGLISH = Words(
    *EN, "Turning 18",
    "May we check what you are entitled to?", "Yes, check it for me", "Healthcare allowance",
    "Retirement", "You are acting for Jan", "Switch", "Accept Healthcare allowance",
    "Waiting for the agency",
)  # fmt: skip
BOTH = pytest.mark.parametrize("words", [DUTCH, ENGLISH], ids=["nl", "en"])


def _journey(page: Page, base: str, words: Words, name: str) -> None:
    page.goto(url(base, words.language, "cases:life-events"))
    clean(page)
    follow(page.get_by_role("link", name=name))
    clean(page)


@BOTH
def test_mila_turning_18_is_asked_for_permission_then_sees_her_offers(
    browser, contexts, live_server, people, words
):
    today = timezone.localdate()
    cases.record_registry_event(
        cases.RegistryEvent("person.turns-18", bsn_of(people["mila"]), today)
    )
    page = signed_in(browser, contexts, live_server.url, words, "Mila Jansen")

    _journey(page, live_server.url, words, words.turning_18)
    assert words.may_we in page.locator("main").inner_text()
    follow(page.get_by_role("button", name=words.yes_check))

    main = page.locator("main").inner_text()
    assert words.may_we not in main
    assert words.allowance in page.locator("#step-zorgtoeslag").inner_text()
    clean(page)


@BOTH
def test_eva_accepts_an_offer_for_her_father_under_her_mandate(
    browser, contexts, live_server, people, words
):
    today = timezone.localdate()
    event = cases.RegistryEvent("person.reaches-pension-age", bsn_of(people["jan"]), today)
    cases.record_registry_event(event)
    page = signed_in(browser, contexts, live_server.url, words, "Eva Bakker")
    page.goto(url(live_server.url, words.language, "identity:profile"))
    page.locator("#acting_for").select_option(value=f"person:{people['jan']}")
    follow(page.get_by_role("button", name=words.switch))

    _journey(page, live_server.url, words, words.retirement)
    assert words.acting_for_jan in page.locator("main").inner_text()
    follow(page.get_by_role("button", name=words.accept_allowance))
    assert words.waiting in page.locator("#step-zorgtoeslag").inner_text()
    clean(page)

    assert [c.service for c in cases.cases_of_person(people["jan"])] == ["zorgtoeslag"]
    recorded = identity_tables.ActionRecord.objects.get(action="cases.accepted")
    assert (recorded.actor_ref, recorded.subject_ref) == (str(people["eva"]), str(people["jan"]))
