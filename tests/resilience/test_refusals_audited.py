# SPDX-License-Identifier: EUPL-1.2
"""Refused and failed actions are in the audit trail with who, what, when, why and outcome."""

import datetime as dt
import time
from dataclasses import asdict

import pyotp
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from lifegate.config.secrets import load_or_create_secret
from lifegate.identity import models as identity_tables
from lifegate.identity import services as identity
from lifegate.identity import session
from lifegate.ledger import services as ledger
from lifegate.resilience import refusals, services
from lifegate.resilience.records import entry_bytes, pseudonym

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ADDRESS = "203.0.113.77"


@pytest.fixture(autouse=True)
def _fresh_throttle_window():
    refusals._throttled_at.clear()
    yield
    refusals._throttled_at.clear()


def _pseudonym(kind: str, value: str) -> str:
    key = load_or_create_secret(settings.HOME, services.KEY_NAME).encode()
    return pseudonym(key, kind, value)


def _operator(username: str = "beheerder") -> str:
    get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True, is_superuser=True
    )
    return identity.ensure_operator_second_factor(username)


def _wrong_code(secret: str) -> str:
    totp = pyotp.TOTP(secret)
    now = timezone.now().timestamp()
    valid = {totp.at(now + step * totp.interval) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def test_an_admin_sign_in_with_the_right_password_and_a_wrong_totp_code_is_recorded_failed():
    secret = _operator()
    client = Client(REMOTE_ADDR=ADDRESS)
    data = {"username": "beheerder", "password": PASSWORD, "code": _wrong_code(secret)}

    response = client.post("/en/admin/login/", data)

    record = services.recent_actions(1)[0]
    assert response.status_code == 400
    assert (record.action, record.result, record.reason) == (
        "signin.admin",
        "failure",
        "credentials-refused",
    )
    assert record.actor == _pseudonym("account", "beheerder")
    assert record.origin == _pseudonym("addr", ADDRESS)
    assert record.object.startswith("route:") and record.at
    assert b"beheerder" not in entry_bytes(record) and ADDRESS.encode() not in entry_bytes(record)


def test_an_officials_sign_in_with_an_unknown_account_is_recorded_failed():
    client = Client(REMOTE_ADDR=ADDRESS)

    response = client.post(
        "/en/officials/sign-in", {"username": "Nobody", "password": "x", "code": "1"}
    )

    record = services.recent_actions(1)[0]
    assert response.status_code == 400
    assert (record.action, record.result) == ("signin.official", "failure")
    assert record.actor == _pseudonym("account", "nobody")


def test_a_successful_admin_sign_in_records_no_refusal():
    secret = _operator()
    client = Client(REMOTE_ADDR=ADDRESS)
    before = ledger.size()

    response = client.post(
        "/en/admin/login/",
        {"username": "beheerder", "password": PASSWORD, "code": pyotp.TOTP(secret).now()},
    )

    assert response.status_code == 302
    assert all(r.result == "success" for r in services.recent_actions()[: ledger.size() - before])


def test_an_api_call_without_a_token_is_recorded_refused_as_unauthenticated():
    client = Client(REMOTE_ADDR=ADDRESS)

    response = client.get("/api/v1/cases/cases")

    record = services.recent_actions(1)[0]
    assert response.status_code == 401
    assert (record.action, record.result, record.reason) == (
        "http.get",
        "refused",
        "unauthenticated",
    )
    assert record.object == "route:api/v1/cases/cases"
    assert record.actor == _pseudonym("user", "anonymous")


def test_a_page_refused_to_a_signed_in_user_is_recorded_forbidden_with_who():
    user = get_user_model().objects.create_user("kijker", password=PASSWORD, is_staff=True)
    client = Client(REMOTE_ADDR=ADDRESS)
    client.force_login(user)

    response = client.get("/en/admin/auth/group/add/")

    record = services.recent_actions(1)[0]
    assert response.status_code == 403
    assert (record.action, record.result, record.reason) == ("http.get", "refused", "forbidden")
    assert record.actor == _pseudonym("user", str(user.pk))


@override_settings(RATE_LIMIT_PER_SECOND=0.01, RATE_LIMIT_BURST=1)
def test_rate_limited_requests_are_recorded_once_per_address_and_window():
    client = Client(REMOTE_ADDR="198.51.100.44")
    url = "/api/v1/ledger/checkpoints/latest"

    codes = [client.get(url).status_code for _ in range(4)]

    limited = [r for r in services.recent_actions() if r.reason == "rate-limited"]
    assert codes.count(429) == 3
    assert len(limited) == 1
    assert (limited[0].action, limited[0].result) == ("http.get", "refused")


def test_an_allowed_or_merely_missing_request_writes_no_record():
    client = Client(REMOTE_ADDR=ADDRESS)
    before = ledger.size()

    codes = [client.get(url).status_code for url in ("/api/v1/health", "/en/no-such-page")]

    assert codes == [200, 404]
    assert ledger.size() == before


def test_a_refusal_that_cannot_be_audited_is_still_refused_not_an_error():
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute("DROP TABLE resilience_officialaction")

    response = Client(REMOTE_ADDR=ADDRESS).get("/api/v1/cases/cases")

    assert response.status_code == 401


def _citizen_acting_by_mandate(person_id: int, mandate_id: int) -> Client:
    client = Client(REMOTE_ADDR=ADDRESS)
    store = client.session
    store[session.CITIZEN] = asdict(
        session.Citizen("nl", person_id, True, "Eva", "Jansen", "1973-02-02", "substantial")
    )
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store[session.ACTING_FOR] = {
        "party": asdict(session.Party("person", "424242", "Jan")),
        "basis": "mandate",
        "mandate_id": mandate_id,
    }
    store.save()
    return client


def _tax_mandate(grantor: int, holder: int) -> int:
    today = timezone.localdate()
    return identity_tables.Mandate.objects.create(
        grantor_person_id=grantor,
        holder_person_id=holder,
        scope="taxes",
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=365),
        status=identity_tables.Mandate.ACTIVE,
    ).pk


def test_a_citizen_using_a_mandate_that_does_not_cover_the_page_is_recorded_refused():
    client = _citizen_acting_by_mandate(person_id=777, mandate_id=_tax_mandate(424242, 777))

    response = client.get("/nl/berichten")

    record = services.recent_actions(1)[0]
    assert response.status_code == 403
    assert (record.action, record.result, record.reason) == ("http.get", "refused", "forbidden")
    assert record.actor == _pseudonym("person", "777")
