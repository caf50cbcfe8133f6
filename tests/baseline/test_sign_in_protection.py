# SPDX-License-Identifier: EUPL-1.2
"""Officials' and admin sign-in: throttled past the limit, no lockout, no account enumeration."""

from __future__ import annotations

import pytest

from lifegate.baseline.checks import signin
from lifegate.baseline.outcome import Status
from lifegate.identity import officials
from lifegate.identity.official_views import DEVICE_COOKIE


@pytest.mark.slow
def test_both_sign_in_forms_throttle_tell_nothing_and_keep_the_official_in(db):
    outcome = signin.sign_in_protection()

    assert outcome.status is Status.PASS, outcome.evidence
    assert len(outcome.evidence) == 2


def test_a_form_that_names_known_accounts_is_caught(db, settings):
    settings.ROOT_URLCONF = "tests.baseline.leaky_urls"
    telling = signin.Form("telling", "/nl/lek/inloggen", "/", False, "wacht")
    account = signin._account(signin.FORMS[0])

    problems = signin.enumeration(telling, account)

    assert problems == [
        "telling: a known account with a wrong password got another page than an unknown account",
        "telling: a known account with the right password and a wrong code got another page "
        "than an unknown account",
    ]


def test_a_form_that_answers_known_accounts_slower_is_caught(db, settings):
    settings.ROOT_URLCONF = "tests.baseline.leaky_urls"
    slow = signin.Form("slow", "/nl/lek/traag", "/", False, "wacht")
    account = signin._account(signin.FORMS[0])

    problems = signin.enumeration(slow, account)

    assert len(problems) == 1 and problems[0].startswith("slow: unknown accounts answer in")


def test_a_form_without_a_throttle_is_caught(db, monkeypatch):
    form = signin.FORMS[0]
    account = signin._account(form)
    monkeypatch.setattr(officials, "throttled", lambda username, cookie: False)

    problems, status = signin.throttling(form, account)

    assert status == "302"
    assert problems == [f"{form.name}: past the limit the right password got 302, unthrottled"]


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([100, 101, 101, 101], 302),  # a 30-s boundary passed during the first request: again
        ([100, 100, 100, 100], 400),  # no boundary passed: a refused code is refused, no retry
    ],
)
def test_the_officials_code_gone_stale_during_the_request_is_made_once_more(
    db, monkeypatch, steps, expected
):
    account = signin._account(signin.FORMS[0])
    clock = iter(steps)
    monkeypatch.setattr(signin, "_step", lambda: next(clock))
    first = iter([-2])  # the first code as if made for the step before a passed boundary
    made = signin._code
    monkeypatch.setattr(signin, "_code", lambda secret, step: made(secret, next(first, step)))

    status, device = signin.own_device_sign_in(signin.FORMS[0], account)

    assert status == expected
    assert (DEVICE_COOKIE in device.cookies) == (expected == 302)
