# SPDX-License-Identifier: EUPL-1.2
"""The portal home and accessibility pages in a real browser, both languages, axe-clean."""

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from lifegate.catalog import services as catalog
from tests.browser.conftest import axe_violations, describe, follow
from tests.browser.journeys import serve_identity

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


def _failed_loads(page: Page) -> list[str]:
    """What the page could not load, filled in as it loads. The browser's own requests (the
    site icon) do not reach Playwright's network events, but a failed one logs an error."""
    failed: list[str] = []
    page.on(
        "console", lambda message: failed.append(message.text) if message.type == "error" else None
    )
    page.on("response", lambda answer: failed.append(answer.url) if answer.status >= 400 else None)
    return failed


def _site_icon(page: Page) -> str:
    """The content type of the icon the page declares (the browser asks for /favicon.ico,
    which is not served, when a page declares none; it asks once, so check the declaration)."""
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href, "the page declares no site icon"
    answer = page.request.get(urljoin(page.url, href))
    assert answer.ok, f"{href}: {answer.status}"
    return answer.headers["content-type"]


@pytest.mark.parametrize("path", ["/nl/", "/en/sign-in"])
def test_portal_pages_load_every_resource_they_ask_for(live_server, page, path):
    catalog.seed_organisations()
    failed = _failed_loads(page)

    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")

    assert failed == []
    assert _site_icon(page).startswith("image/")


def test_the_demo_eid_page_loads_every_resource_it_asks_for(live_server, page, settings):
    serve_identity(live_server, settings)
    page.goto(live_server.url + "/nl/inloggen")
    failed = _failed_loads(page)

    follow(page.get_by_role("button", name="Inloggen met eID"))
    page.wait_for_load_state("networkidle")

    assert "/demo-eid/" in page.url
    assert failed == []
    assert _site_icon(page).startswith("image/")
