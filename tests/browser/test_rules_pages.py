# SPDX-License-Identifier: EUPL-1.2
"""What am I entitled to: Sanne's birth offers and Lucía's question, in real Chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from lifegate.demo import models as demo_tables
from lifegate.identity import rp
from tests.browser.conftest import axe_violations, describe, follow
from tests.identity import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db"),  # the exchange logs each read in the ledger
]


@pytest.fixture
def demo(live_server, settings):
    settings.PUBLIC_URL = live_server.url
    rp._metadata.clear()
    rp._key_sets.clear()
    people = factories.personas(timezone.localdate())
    sanne, noor = people["sanne"], people["noor"]
    daan = factories.person("Daan", "de Vries", bsn="111222357", born=dt.date(1992, 1, 10))
    demo_tables.Person.objects.filter(pk=sanne.pk).update(
        partner=daan, yearly_income=26_000, assets=10_000
    )
    demo_tables.Person.objects.filter(pk=daan.pk).update(
        partner=sanne, yearly_income=34_000, assets=10_000
    )
    factories.parent_of(daan, noor)
    return people


def _clean(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def _sign_in(page, base, language, persona, level):
    page.goto(f"{base}/{language}/{'sign-in' if language == 'en' else 'inloggen'}")
    page.get_by_role(
        "button", name="Sign in with eID" if language == "en" else "Inloggen met eID"
    ).click()
    page.get_by_label(persona).check()
    page.get_by_label(level).check()
    follow(
        page.get_by_role("button", name="Sign in" if language == "en" else "Inloggen", exact=True)
    )


def _next_quarter(today: dt.date) -> dt.date:
    month = (today.month - 1) // 3 * 3 + 4
    return dt.date(today.year + (month > 12), (month - 1) % 12 + 1, 1)


def test_sanne_sees_child_benefit_from_next_quarter_and_no_healthcare_allowance(
    page, live_server, demo
):
    _sign_in(page, live_server.url, "nl", "Sanne de Vries", "Hoog")

    page.goto(f"{live_server.url}/nl/recht-op/birth")

    child = page.locator("#result-kinderbijslag").inner_text()
    assert "Recht op" in child
    assert "286,45" in child or "286.45" in child
    start = _next_quarter(timezone.localdate())
    assert str(start.year) in child
    care = page.locator("#result-zorgtoeslag")
    assert "Geen recht" in care.inner_text()
    assert care.locator("a[href*='BWBR0018451']").count() >= 1
    _clean(page)
    page.locator("#result-zorgtoeslag summary").click()
    assert "Basisregistratie Personen" in care.inner_text()
    _clean(page)


def test_lucia_is_asked_for_her_income_in_english_and_her_answer_is_kept(page, live_server, demo):
    _sign_in(page, live_server.url, "en", "Lucía García Fernández", "Substantial")

    page.goto(f"{live_server.url}/en/entitlements/moving-to-nl")

    care = page.locator("#result-zorgtoeslag")
    assert "We need to know more" in care.inner_text()
    assert "What do you expect your income to be" in care.inner_text()
    _clean(page)
    care.get_by_label("What do you expect your income to be", exact=False).fill("30000")
    follow(care.get_by_role("button", name="Check again"))
    assert (
        "What do you expect your income to be"
        not in page.locator("#result-zorgtoeslag").inner_text()
    )
