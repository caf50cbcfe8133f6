# SPDX-License-Identifier: EUPL-1.2
"""A child is born, in real Chromium, in both languages, axe-clean on every page: the
municipality records Noor's birth → journeys and offers for Sanne and Daan → a message →
Sanne accepts child benefit with one click → a case at SVB → the SVB official decides in
the work queue → the decision lands in Sanne's message box."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import follow
from tests.browser.journeys import (
    EN,
    JOURNEY_MARKS,
    NL,
    SignIn,
    clean,
    contexts,
    new_page,
    official_sign_in,
    people,
    signed_in,
    url,
)
from tests.cases.population import bsn_of
from tests.identity.agency import agency_token

pytestmark = JOURNEY_MARKS
__all__ = ["contexts", "people"]


@dataclass(frozen=True)
class Words(SignIn):
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
    *NL,
    "Uw route: Geboorte van een kind", "Geboorte van een kind", "Kinderbijslag accepteren",
    "Aangeboden", "Wacht op de organisatie", "geen recht", "Besluit versturen",
    "Besluit: Kinderbijslag", "bezwaar",
)  # fmt: skip
ENGLISH = Words(
    *EN,
    "Your journey: Birth of a child", "Birth of a child", "Accept Child benefit",
    "Offered to you", "Waiting for the agency", "not entitled", "Send the decision",
    "Decision: Child benefit", "objection",
)  # fmt: skip


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


def _official_decides(
    browser: Browser, contexts: list[BrowserContext], base: str, words: Words
) -> None:
    page = official_sign_in(
        new_page(contexts, browser, words), base, words.language, "svb", "ambtenaar-svb"
    )
    page.goto(url(base, words.language, "cases:work-queue"))
    clean(page)
    follow(page.locator("main table a").first)
    assert "de Vries" in page.locator("main").inner_text()
    clean(page)
    page.locator("#reasons").fill("Noor is under 18 and lives with you.")
    follow(page.get_by_role("button", name=words.send_decision))
    assert "Noor is under 18" in page.locator("main").inner_text()
    clean(page)


def _open_message(page: Page, base: str, words: Words, subject: str) -> str:
    page.goto(url(base, words.language, "messagebox:inbox"))
    follow(page.get_by_role("link", name=subject).first)
    clean(page)
    return page.locator("main").inner_text()


@pytest.mark.parametrize("words", [DUTCH, ENGLISH], ids=["nl", "en"])
def test_a_child_is_born_from_registry_event_to_decision(
    browser, contexts, live_server, people, words
):
    base = live_server.url

    _record_birth(base, people)
    page = signed_in(browser, contexts, base, words, "Sanne de Vries")
    _open_message(page, base, words, words.journey_message)
    page.goto(url(base, words.language, "cases:life-events"))
    clean(page)
    follow(page.get_by_role("link", name=words.birth))
    main = page.locator("main").inner_text()
    assert words.offered in main and "286" in main and words.not_entitled in main
    clean(page)
    follow(page.get_by_role("button", name=words.accept))
    assert words.waiting in page.locator("#step-kinderbijslag").inner_text()
    clean(page)
    _official_decides(browser, contexts, base, words)

    decision = _open_message(page, base, words, words.decision_message)
    assert "Noor is under 18" in decision
    assert words.objection in decision.lower()


def test_the_journey_pages_are_refused_to_someone_signed_out(live_server, page: Any):
    page.goto(live_server.url + "/en/life-events")

    assert "/life-events" not in page.url or "sign" in page.url
