# SPDX-License-Identifier: EUPL-1.2
"""Catalog pages in real Chromium, both languages, with no axe-core violations."""

import pytest

from lifegate.catalog import services as catalog
from tests.browser.conftest import axe_violations, describe, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "lang"),
    [("/nl/levensgebeurtenissen-en-diensten", "nl"), ("/en/life-events-and-services", "en"),
     ("/nl/levensgebeurtenis/birth", "nl"), ("/en/life-event/moving-to-nl", "en"),
     ("/nl/diensten/kinderbijslag", "nl"), ("/en/services/kinderbijslag", "en"),
     ("/nl/zoeken?q=zorgtoeslg", "nl"), ("/en/search?q=child+benefit", "en"), ("/en/", "en")],
)  # fmt: skip
def test_catalog_pages_have_no_axe_violations(live_server, page, path, lang):
    catalog.seed_organisations()

    page.goto(live_server.url + path)

    assert page.locator("html").get_attribute("lang") == lang
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_citizen_searches_with_a_typo_and_opens_the_service(live_server, page):
    catalog.seed_organisations()
    page.goto(live_server.url + "/en/life-events-and-services")

    main = page.locator("#main")
    main.get_by_label("Search services and life events").fill("kinderbjislag")
    follow(main.get_by_role("button", name="Search"))
    follow(page.get_by_role("link", name="Child benefit").first)

    assert page.get_by_role("heading", level=1).inner_text() == "Child benefit"
    assert page.get_by_role("heading", name="How to object").is_visible()
