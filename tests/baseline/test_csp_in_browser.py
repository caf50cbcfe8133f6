# SPDX-License-Identifier: EUPL-1.2
"""The main pages, public and signed in, load in Chromium without one CSP violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext

from lifegate.baseline.checks import principals
from lifegate.cases import services as cases
from tests.cases.conftest import bsn_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db"),
]

PUBLIC = [
    "/nl/",
    "/en/",
    "/nl/toegankelijkheid",
    "/nl/levensgebeurtenissen-en-diensten",
    "/nl/zoeken?q=kinderbijslag",
    "/nl/wat-gebeurt-er",
    "/nl/algoritmeregister",
    "/nl/open-data/",
    "/nl/controleurs",
    "/nl/ambtenaren/inloggen",
    "/nl/admin/login/",
    "/nl/inloggen",
    "/nl/bestaat-niet",
]
SIGNED_IN = [
    "/nl/profiel",
    "/nl/berichten",
    "/nl/levensgebeurtenissen",
    "/nl/mijn-zaken",
    "/nl/mijn-gegevens",
    "/nl/bewijzen",
    "/nl/wallet",
]
# Watches the document from its first byte; the binding survives navigations.
_LISTEN = """
document.addEventListener('securitypolicyviolation', (e) =>
  window.cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ` +
                      `${e.sourceFile || document.location.pathname}:${e.lineNumber}`));
"""


class Watched:
    """A browser context that records every CSP violation and console error of its pages."""

    def __init__(self, browser: Browser) -> None:
        self.context: BrowserContext = browser.new_context(locale="nl-NL")
        self.reports: list[str] = []
        self.context.expose_function("cspViolation", self._report)
        self.context.add_init_script(_LISTEN)

    def _report(self, text: str) -> None:
        self.reports.append(text)

    def visit(self, url: str) -> str:
        """Load `url` with everything it loads; the address it ended at."""
        page = self.context.new_page()
        page.on("console", lambda m: self._console(url, m))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        landed = page.url
        page.close()
        return landed

    def _console(self, url: str, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.reports.append(f"{url}: {message.text}")


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    made = Watched(browser)
    yield made
    made.context.close()


def _signed_in(watched: Watched, live_url: str, person_id: int) -> None:
    citizen = principals.citizen("citizen", person_id)
    cookie = citizen.client.cookies[settings.SESSION_COOKIE_NAME].value
    watched.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_url}]
    )


def test_main_pages_have_no_csp_violation(live_server, watched, population):
    journeys = cases.record_registry_event(
        cases.RegistryEvent(
            "person.born",
            bsn_of(population["noor"]),
            timezone.localdate(),
            (bsn_of(population["sanne"]), bsn_of(population["daan"])),
        )
    )
    _signed_in(watched, live_server.url, population["sanne"])
    own = [
        f"/nl/levensgebeurtenissen/{j.id}" for j in journeys if j.person_id == population["sanne"]
    ]

    landed = {path: watched.visit(live_server.url + path) for path in PUBLIC + SIGNED_IN + own}

    assert own
    assert [p for p in SIGNED_IN + own if "inloggen" in landed[p]] == []  # really signed in
    assert watched.reports == []


def test_an_inline_script_is_reported(live_server, watched, settings):
    settings.ROOT_URLCONF = "tests.baseline.leaky_urls"

    watched.visit(live_server.url + "/nl/lek/script")

    assert any("script-src" in r for r in watched.reports), watched.reports
    assert any("style-src" in r for r in watched.reports), watched.reports
