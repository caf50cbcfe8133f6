# SPDX-License-Identifier: EUPL-1.2
"""The service finder in a real browser, both languages, axe-clean: type a situation, see the
right life event first with its reason, and say "this is not what I meant"."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page

from lifegate.assistant.models import QueryStat
from tests.browser.conftest import axe_violations, describe, follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_axe(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


JOURNEYS = {
    "nl": {
        "start": "/nl/",
        "box": "Wat gebeurt er in uw leven?",
        "situation": "we krijgen een kindje",
        "first": "Geboorte van een kind",
        "reason": "gevonden op: ",
        "button": "Dit bedoelde ik niet",
        "thanks": "Dank u.",
    },
    "en": {
        "start": "/en/",
        "box": "What is happening in your life?",
        "situation": "my dad passed away",
        "first": "Death of a relative",
        "reason": "matched: ",
        "button": "This is not what I meant",
        "thanks": "Thank you.",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_citizen_finds_the_life_event_and_says_when_it_is_not_what_they_meant(
    live_server, page, lang
):
    j = JOURNEYS[lang]
    start, box, situation, first = j["start"], j["box"], j["situation"], j["first"]
    reason, button, thanks = j["reason"], j["button"], j["thanks"]
    page.goto(live_server.url + start)
    page.get_by_label(box).fill(situation)
    follow(page.get_by_label(box), "Enter")

    top = page.locator(".lifegate-finder-result").first
    assert top.get_by_role("heading", level=3).inner_text() == first
    assert top.locator(".lifegate-finder-reason").inner_text().startswith(reason)
    assert top.locator(".lifegate-finder-reason").inner_text().endswith(f"→ {first}")
    assert page.locator("#contact-heading").is_visible()
    _check_axe(page)

    follow(top.get_by_role("button", name=button))

    assert thanks in page.locator("#feedback-thanks").inner_text()
    assert QueryStat.objects.get().not_meant == 1
    _check_axe(page)


@pytest.mark.parametrize(
    ("path", "notice"),
    [("/en/what-is-happening", "#trimmed-notice"), ("/nl/wat-gebeurt-er", "#trimmed-notice")],
)
def test_hostile_and_long_input_is_shown_as_text_with_a_notice(live_server, page, path, notice):
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> " + "x" * 520

    page.goto(live_server.url + path)
    page.locator("#finder-q").fill(hostile)
    follow(page.locator("#finder-q"), "Enter")

    assert page.locator(notice).is_visible()
    assert dialogs == []
    assert page.locator("#finder-q").input_value().startswith("<script>alert(1)</script>")
    _check_axe(page)


@pytest.mark.parametrize("path", ["/nl/algoritmeregister", "/en/algorithm-register"])
def test_the_algorithm_register_is_axe_clean(live_server, page, path):
    page.goto(live_server.url + path)

    assert page.locator("#entry-service-finder").is_visible()
    _check_axe(page)
