# SPDX-License-Identifier: EUPL-1.2
"""The portal home and accessibility pages in a real browser, both languages, axe-clean."""

import pytest
from playwright.sync_api import expect

from lifegate.catalog import services as catalog
from tests.browser.conftest import axe_violations, describe, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/nl/", "nl"),
        ("/en/", "en"),
        ("/nl/toegankelijkheid", "nl"),
        ("/en/accessibility", "en"),
        ("/en/no-such-page", "en"),
        ("/nl/bestaat-niet", "nl"),
    ],
)
def test_pages_render_in_their_language_with_no_axe_violations(live_server, page, path, lang):
    catalog.seed_organisations()

    page.goto(live_server.url + path)

    assert page.locator("html").get_attribute("lang") == lang
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_the_skip_link_moves_focus_to_the_main_content(live_server, page):
    page.goto(live_server.url + "/en/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()


def test_the_language_switch_opens_the_same_page_in_the_other_language(live_server, page):
    page.goto(live_server.url + "/nl/toegankelijkheid")

    follow(page.get_by_role("link", name="English"))

    assert page.url == live_server.url + "/en/accessibility"
    assert page.get_by_role("heading", level=1).inner_text() == "Accessibility statement"


def test_the_axe_harness_does_report_a_real_violation(page):
    page.set_content("<html><body><img src='x.png'><a href='#'></a></body></html>")

    ids = {v["id"] for v in axe_violations(page)}

    assert {"image-alt", "html-has-lang"} <= ids
