# SPDX-License-Identifier: EUPL-1.2
"""Moving to the Netherlands from Spain, in real Chromium, in both languages, axe-clean on
every page: Lucía signs in with her Spanish eID (the demo eIDAS flow) → starts the journey
herself (no register knows her yet) → asks Spain for her birth certificate and previews it
at the Spanish provider before it is sent → applies for her first registration → a case at
the municipality, waiting for the agency → Utrecht registers her (a BSN) and reports it →
the same journey goes on: the healthcare allowance needs to know more, asks her expected
income in her language, and answering computes the offer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from django.utils import timezone
from playwright.sync_api import Page

from lifegate.cases import services as cases
from lifegate.demo import models as demo_tables
from lifegate.demo import services as demo
from lifegate.exchange.evidence import provider
from tests.browser.conftest import follow
from tests.browser.journeys import (
    EN,
    JOURNEY_MARKS,
    NL,
    SignIn,
    clean,
    contexts,
    serve_identity,
    signed_in,
    url,
)
from tests.cases.population import load
from tests.identity.agency import agency_token

pytestmark = JOURNEY_MARKS
__all__ = ["contexts"]
LUCIA_BSN = "999900183"  # the BSN Utrecht gives her (eleven-test valid, unused)


@dataclass(frozen=True)
class Words(SignIn):
    start: str
    journey: str
    evidence_link: str
    request_evidence: str
    received: str
    apply: str
    waiting: str
    done: str
    income: str
    compute: str
    accept: str


DUTCH = Words(
    *NL,
    "Mijn route starten: Verhuizen naar Nederland", "Verhuizen naar Nederland",
    "Mijn geboorteakte uit mijn land ophalen", "Mijn geboorteakte opvragen in Spanje",
    "ontvangen en toegevoegd aan uw adresinschrijving",
    "Eerste inschrijving in de BRP en BSN aanvragen", "Wacht op de organisatie", "Gedaan",
    "Hoe hoog verwacht u dat uw inkomen in", "Zorgtoeslag berekenen", "Zorgtoeslag accepteren",
)  # fmt: skip
ENGLISH = Words(
    *EN,
    "Start my journey: Moving to the Netherlands", "Moving to the Netherlands",
    "Get my birth certificate from my country", "Request my birth certificate from Spain",
    "received and attached to your address registration",
    "Apply for First registration in the BRP and BSN", "Waiting for the agency", "Done",
    "What do you expect your income to be in", "Compute Healthcare allowance",
    "Accept Healthcare allowance",
)  # fmt: skip


@pytest.fixture
def lucia(live_server: Any, settings: Any) -> Iterator[int]:
    """The population with the personas, and the demo Spanish evidence provider knowing
    Lucía's eIDAS identifier; her registry person id."""
    serve_identity(live_server, settings)
    person_id = load(timezone.localdate())["lucia"]
    person = demo.find_person(person_id)
    assert person is not None and person.foreign_id and not person.bsn
    records = {person.foreign_id: ("García Fernández", "Madrid", "Tomo 412, folio 88")}
    server = provider.make("127.0.0.1", 0, records)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EVIDENCE_PROVIDER_URL = f"http://127.0.0.1:{server.server_port}"
    yield person_id
    server.shutdown()
    server.server_close()


def _registered_by_utrecht(base: str, person_id: int) -> None:
    """Utrecht decides her registration case, enters her in the BRP (she has taken out Dutch
    health insurance meanwhile) and reports `person.moved-in` through the API."""
    case = cases.cases_of_person(person_id)[0]
    cases.decide(str(case.id), "gemeente-utrecht", "granted", "Registered.", "official:1")
    demo_tables.Person.objects.filter(person_id=person_id).update(
        bsn=LUCIA_BSN, registered_in_brp=True, municipality_code="GM0344", health_insured=True
    )
    headers = {"Authorization": f"Bearer {agency_token('gemeente-utrecht')}"}
    body = {
        "type": "person.moved-in",
        "subjectBsn": LUCIA_BSN,
        "date": timezone.localdate().isoformat(),
    }
    response = httpx.post(f"{base}/api/v1/cases/registry-events", json=body, headers=headers)
    assert response.status_code == 201, response.text


def _answers_her_expected_income(page: Page, words: Words) -> None:
    step = page.locator("#step-zorgtoeslag")
    assert words.income in step.inner_text()
    step.get_by_label(words.income).fill("32000")
    follow(step.get_by_role("button", name=words.compute))
    assert words.income not in page.locator("#step-zorgtoeslag").inner_text()
    clean(page)


def _previews_and_sends_her_birth_certificate(page: Page, words: Words) -> None:
    follow(page.get_by_role("link", name=words.evidence_link))
    clean(page)
    follow(page.get_by_role("button", name=words.request_evidence))
    assert "Madrid" in page.locator("main").inner_text()  # the preview, at the provider
    clean(page)
    follow(page.get_by_role("button", name="Send it", exact=True))
    assert words.received in page.locator("#evidence-status").inner_text()
    clean(page)


@pytest.mark.parametrize("words", [DUTCH, ENGLISH], ids=["nl", "en"])
def test_lucia_moves_from_spain_from_foreign_eid_to_registration_and_her_allowance_offer(
    browser, contexts, live_server, lucia, words
):
    page = signed_in(browser, contexts, live_server.url, words, "Lucía García Fernández")
    page.goto(url(live_server.url, words.language, "cases:life-events"))
    clean(page)
    follow(page.get_by_role("button", name=words.start))
    assert page.get_by_role("heading", level=1).inner_text() == words.journey
    assert page.locator("html").get_attribute("lang") == words.language
    clean(page)

    _previews_and_sends_her_birth_certificate(page, words)
    page.goto(url(live_server.url, words.language, "cases:life-events"))
    follow(page.get_by_role("link", name=words.journey))
    follow(page.get_by_role("button", name=words.apply))

    assert words.waiting in page.locator("#step-eerste-inschrijving-brp").inner_text()
    clean(page)
    opened = cases.cases_of_person(lucia)
    assert [(c.service, c.organisation, c.status) for c in opened] == [
        ("eerste-inschrijving-brp", "gemeente-utrecht", "received")
    ]
    page.goto(url(live_server.url, words.language, "cases:life-events"))
    assert page.get_by_role("button", name=words.start).count() == 0  # started once

    _registered_by_utrecht(live_server.url, lucia)
    follow(page.get_by_role("link", name=words.journey))
    assert words.done in page.locator("#step-eerste-inschrijving-brp").inner_text()
    clean(page)
    _answers_her_expected_income(page, words)
    follow(page.get_by_role("button", name=words.accept))
    assert words.waiting in page.locator("#step-zorgtoeslag").inner_text()
    clean(page)
    assert [j.trigger for j in cases.journeys_of(lucia)] == ["person.moved-in"]  # one journey
