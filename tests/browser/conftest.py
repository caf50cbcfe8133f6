# SPDX-License-Identifier: EUPL-1.2
"""Browser tests' helpers: a page per test, following links, and axe-core's WCAG check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page

# The session's Chromium (`browser`) is the root conftest's plugin tests.browser.chromium.


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    opened = context.new_page()
    yield opened
    context.close()


def follow(target: Locator, key: str = "") -> None:
    """Click `target` (or press `key` in it) and wait until the page this opens has loaded.

    A click waits at most for the next page to start loading, so on a loaded machine a read
    that does not wait (`count()`, `is_visible()`, `page.url`, axe) or one of an element both
    pages have (`main`, the heading, `html[lang]`) may see the page before. Use it for every
    click, Enter or submit that opens a page the test then reads or acts on (else the next
    `follow` may take that page for its own)."""
    with target.page.expect_navigation():
        if key:
            target.press(key)
        else:
            target.click()


def axe_violations(page: Page) -> list[Any]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    violations: list[Any] = results.response["violations"]
    return violations


def describe(violations: list[Any]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations)
