# SPDX-License-Identifier: EUPL-1.2
"""Officials sign in with a password and a TOTP code, throttled without attacker lockout."""

import datetime as dt

import pyotp
import pytest
from django.utils import timezone

from lifegate.identity import models, officials

pytestmark = pytest.mark.django_db


@pytest.fixture
def svb_official():
    return officials.ensure_official("svb", "ambtenaar-svb")


def _post(client, username, password, code):
    return client.post(
        "/en/officials/sign-in", {"username": username, "password": password, "code": code}
    )


def test_an_official_signs_in_with_password_and_code_and_sees_their_roles(client, svb_official):
    response = _post(
        client,
        svb_official.username,
        svb_official.password,
        pyotp.TOTP(svb_official.totp_secret).now(),
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "svb: caseworker" in page
    assert officials.organisations_of(models.OfficialProfile.objects.get().user_id) == ["svb"]


def test_a_code_is_accepted_only_once(client, svb_official):
    code = pyotp.TOTP(svb_official.totp_secret).now()
    assert _post(client, svb_official.username, svb_official.password, code).status_code == 302
    client.post("/en/officials/sign-out")

    again = _post(client, svb_official.username, svb_official.password, code)

    assert again.status_code == 400


@pytest.mark.parametrize("case", ["wrong password", "wrong code", "no such account"])
def test_every_failure_gets_the_same_answer(client, svb_official, case):
    username = "nobody-here" if case == "no such account" else svb_official.username
    password = "wrong" if case == "wrong password" else svb_official.password
    code = "000000" if case == "wrong code" else pyotp.TOTP(svb_official.totp_secret).now()

    response = _post(client, username, password, code)

    assert response.status_code == 400
    assert "Signing in did not work." in response.content.decode()


def _fail_many(username, device=""):
    now = timezone.now()
    models.SignInFailure.objects.bulk_create(
        models.SignInFailure(account_key=officials.account_key(username), device_key=device, at=now)
        for _ in range(officials.FAILURE_LIMIT)
    )


def test_after_100_failures_in_an_hour_unknown_devices_are_refused_even_with_the_right_secrets(
    client, svb_official
):
    _fail_many(svb_official.username)

    response = _post(
        client,
        svb_official.username,
        svb_official.password,
        pyotp.TOTP(svb_official.totp_secret).now(),
    )

    assert response.status_code == 400


def test_an_attacker_cannot_lock_out_an_official_on_their_own_device(
    client, svb_official, still_clock
):
    totp = pyotp.TOTP(svb_official.totp_secret)
    at = still_clock - dt.timedelta(seconds=totp.interval)
    assert (
        _post(client, svb_official.username, svb_official.password, totp.at(at)).status_code == 302
    )
    client.post("/en/officials/sign-out")
    _fail_many(svb_official.username)  # an attacker elsewhere exhausts the unknown-device budget

    response = _post(client, svb_official.username, svb_official.password, totp.at(still_clock))

    assert response.status_code == 302


def test_failures_older_than_an_hour_no_longer_count(svb_official):
    _fail_many(svb_official.username)
    models.SignInFailure.objects.update(at=timezone.now() - dt.timedelta(hours=1, minutes=1))

    result = officials.sign_in(
        svb_official.username, svb_official.password, pyotp.TOTP(svb_official.totp_secret).now(), ""
    )

    assert result.user_id is not None


def test_the_demo_officials_are_seeded_idempotently():
    first = officials.ensure_demo_officials()
    second = officials.ensure_demo_officials()

    assert [c.organisation_id for c in first] == [
        "gemeente-utrecht",
        "svb",
        "belastingdienst-toeslagen",
        "duo",
    ]
    assert first == second
    assert models.OfficialRole.objects.count() == 4
