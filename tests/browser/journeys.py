# SPDX-License-Identifier: EUPL-1.2
"""What the journey and message-box browser tests share: the demo eID sign-in in either
language, the officials' sign-in, addresses by route name, the axe-core check, browser
contexts closed after the test, and the population with the personas served by the live
server.

A test module uses the fixtures by importing them (`contexts`, `people`) and naming them in
its `__all__`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyotp
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Browser, BrowserContext, Page

from lifegate.identity import rp
from lifegate.identity.officials import ensure_official
from tests.browser.conftest import axe_violations, describe, follow
from tests.cases.population import load

JOURNEY_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db"),
]


@dataclass(frozen=True)
class SignIn:
    """The words of the demo eID sign-in in one language. Each test's `Words` extends it and
    starts from `NL` or `EN`: `Words(*NL, "...", ...)`."""

    language: str
    locale: str
    sign_in_with_eid: str
    sign_in: str
    substantial: str


# The fields of `SignIn`, in order, in Dutch and in English.
NL: tuple[str, str, str, str, str] = ("nl", "nl-NL", "Inloggen met eID", "Inloggen", "Substantieel")
EN: tuple[str, str, str, str, str] = ("en", "en-GB", "Sign in with eID", "Sign in", "Substantial")


def url(base: str, language: str, name: str, *args: str) -> str:
    """`base` + the route `name` in `language` (`/nl/levensgebeurtenissen`, ...)."""
    with translation.override(language):
        return base + reverse(name, args=args)


def clean(page: Page) -> None:
    """No WCAG 2.1 A/AA violation (axe-core) on the page as it is now."""
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {describe(violations)}"


def sign_in(page: Page, base: str, words: SignIn, persona: str) -> Page:
    """Sign in on `page` through the demo eID provider as `persona`, level substantial."""
    page.goto(url(base, words.language, "identity:sign-in"))
    page.get_by_role("button", name=words.sign_in_with_eid).click()
    page.get_by_label(persona).check()
    page.get_by_label(words.substantial).check()
    follow(page.get_by_role("button", name=words.sign_in, exact=True))
    return page


def official_sign_in(
    page: Page, base: str, language: str, organisation: str, username: str
) -> Page:
    """Sign in on `page` on the officials' sign-in form: password and a TOTP code."""
    official = ensure_official(organisation, username)
    page.goto(url(base, language, "identity:official-sign-in"))
    page.locator("#username").fill(official.username)
    page.locator("#password").fill(official.password)
    page.locator("#code").fill(pyotp.TOTP(official.totp_secret).now())
    follow(page.locator("main form button[type=submit]"))
    return page


def new_page(
    contexts: list[BrowserContext], browser: Browser, words: SignIn, **options: Any
) -> Page:
    """A page in a new context in the words' locale, closed after the test."""
    contexts.append(browser.new_context(locale=words.locale, **options))
    return contexts[-1].new_page()


def signed_in(
    browser: Browser, contexts: list[BrowserContext], base: str, words: SignIn, persona: str
) -> Page:
    return sign_in(new_page(contexts, browser, words), base, words, persona)


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Browser contexts closed after the test, so no keep-alive connection outlives it."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def serve_identity(live_server: Any, settings: Any) -> None:
    """The live server as the demo eID provider's issuer (fresh metadata and keys)."""
    settings.PUBLIC_URL = live_server.url
    rp._metadata.clear()
    rp._key_sets.clear()


@pytest.fixture
def people(live_server: Any, settings: Any) -> dict[str, int]:
    """The population with the personas; their person ids by first name."""
    serve_identity(live_server, settings)
    return load(timezone.localdate())
