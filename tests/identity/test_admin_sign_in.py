# SPDX-License-Identifier: EUPL-1.2
"""The operator signs in to the Django admin with a password and a TOTP code, like officials."""

import datetime as dt
import re

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from lifegate.identity import models, officials, operators

pytestmark = pytest.mark.django_db
LOGIN = "/{lang}/admin/login/"
PASSWORD = "correct horse battery staple"


def _user(username="beheerder", *, staff=True):
    return get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=staff, is_superuser=staff
    )


@pytest.fixture
def operator():
    user = _user()
    return user, operators.ensure_operator_second_factor(user.username)


def _post(client, data, lang="en"):
    return client.post(LOGIN.format(lang=lang), data)


def _sign_in(client, username, password, code, lang="en"):
    return _post(client, {"username": username, "password": password, "code": code}, lang)


def test_the_admin_sign_in_page_asks_for_a_code_in_both_languages(client):
    english = client.get(LOGIN.format(lang="en")).content.decode()
    dutch = client.get(LOGIN.format(lang="nl")).content.decode()

    assert "Code from your authenticator app" in english
    assert "Code uit uw authenticator-app" in dutch


def test_an_operator_with_only_the_password_is_refused(client, operator):
    user, _secret = operator

    response = _sign_in(client, user.username, PASSWORD, "")

    assert response.status_code == 400
    assert "Signing in did not work." in response.content.decode()
    assert client.get("/en/admin/").status_code == 302


def test_an_operator_with_password_and_a_valid_code_gets_in(client, operator):
    user, secret = operator

    response = _sign_in(client, user.username, PASSWORD, pyotp.TOTP(secret).now())

    assert response.status_code == 302
    assert response["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200


def test_the_next_page_is_kept_but_never_another_site(client, operator):
    user, secret = operator
    totp = pyotp.TOTP(secret)
    data = {"username": user.username, "password": PASSWORD, "code": totp.now()}

    response = _post(client, {**data, "next": "https://evil.example/"})

    assert response["Location"] == "/en/admin/"


@pytest.mark.parametrize("case", ["wrong password", "wrong code", "no such account", "not staff"])
def test_every_admin_sign_in_failure_gets_the_same_answer(client, operator, case):
    user, secret = operator
    username = {"no such account": "nobody-here", "not staff": "ambtenaar-svb"}.get(
        case, user.username
    )
    password = "wrong" if case == "wrong password" else PASSWORD
    code = "000000" if case == "wrong code" else pyotp.TOTP(secret).now()
    if case == "not staff":  # an official with the right secrets, but no admin rights
        official = officials.ensure_official("svb", username)
        password, code = official.password, pyotp.TOTP(official.totp_secret).now()

    response = _sign_in(client, username, password, code)

    assert response.status_code == 400
    assert "Signing in did not work." in response.content.decode()
    assert client.get("/en/admin/").status_code == 302


def test_wrong_codes_are_throttled_at_100_an_hour_per_account(client, operator):
    user, secret = operator
    account, now = officials.account_key(user.username), timezone.now()
    models.SignInFailure.objects.bulk_create(
        models.SignInFailure(account_key=account, at=now)
        for _ in range(officials.FAILURE_LIMIT - 2)
    )
    for _ in range(2):
        assert _sign_in(client, user.username, PASSWORD, "000000").status_code == 400

    response = _sign_in(client, user.username, PASSWORD, pyotp.TOTP(secret).now())

    assert response.status_code == 400
    assert "Signing in did not work." in response.content.decode()
    assert models.SignInFailure.objects.count() == officials.FAILURE_LIMIT


def test_an_attacker_cannot_lock_the_operator_out_of_their_own_device(
    client, operator, still_clock
):
    user, secret = operator
    totp = pyotp.TOTP(secret)
    now = still_clock
    assert _sign_in(client, user.username, PASSWORD, totp.at(now)).status_code == 302
    client.post("/en/admin/logout/")
    account = officials.account_key(user.username)
    models.SignInFailure.objects.bulk_create(  # an attacker elsewhere used up the budget
        models.SignInFailure(account_key=account, at=now) for _ in range(officials.FAILURE_LIMIT)
    )
    later = totp.at(now + dt.timedelta(seconds=totp.interval))  # a code is accepted once

    again = _sign_in(client, user.username, PASSWORD, later)

    assert again.status_code == 302


def _secret_on(page: str) -> str:
    found = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page)
    assert found, "no secret shown"
    return found.group(1)


def test_a_new_operator_enrols_on_first_sign_in_with_the_secret_shown_once(client):
    user = _user("nieuwe-beheerder")

    shown = _sign_in(client, user.username, PASSWORD, "").content.decode()
    secret = _secret_on(shown)
    confirmed = _post(client, {"step": "enrol", "code": pyotp.TOTP(secret).now()})

    assert "<svg" in shown
    assert 'href="otpauth://totp/lifegate:nieuwe-beheerder?secret=' in shown
    assert confirmed.status_code == 302
    assert client.get("/en/admin/").status_code == 200
    assert models.OfficialProfile.objects.get(user=user).totp_secret == secret
    client.post("/en/admin/logout/")
    assert _sign_in(client, user.username, PASSWORD, "").status_code == 400  # code needed now
    assert "totp-secret" not in client.get(LOGIN.format(lang="en")).content.decode()


def test_enrolment_with_a_wrong_code_keeps_nothing_and_does_not_show_the_secret_again(client):
    user = _user("nieuwe-beheerder")
    _sign_in(client, user.username, PASSWORD, "")

    response = _post(client, {"step": "enrol", "code": "000000"}, lang="nl")

    assert response.status_code == 400
    assert "Deze code klopt niet." in response.content.decode()
    assert "totp-secret" not in response.content.decode()
    assert not models.OfficialProfile.objects.filter(user=user).exists()
    assert client.get("/en/admin/").status_code == 302


def test_enrolment_without_a_pending_secret_is_refused(client):
    response = _post(client, {"step": "enrol", "code": "123456"})

    assert response.status_code == 400
    assert "Sign in again" in response.content.decode()


def test_someone_without_admin_rights_cannot_enrol_in_the_admin(client):
    user = _user("burger", staff=False)

    response = _sign_in(client, user.username, PASSWORD, "")

    assert response.status_code == 400
    assert "totp-secret" not in response.content.decode()


def test_the_demo_operator_sign_in_is_printed_marked_as_demo(operator):
    user, secret = operator

    text = operators.describe_operator("http://127.0.0.1:8000", user.username, PASSWORD, secret)

    assert "DEMO ONLY - TOTP secret " + secret in text
    assert "otpauth://totp/lifegate:beheerder?secret=" + secret in text
    assert operators.ensure_operator_second_factor(user.username) == secret  # stable per home
