# SPDX-License-Identifier: EUPL-1.2
"""Sessions end when idle or old (ASVS 3.3); a service below its level asks for a step-up."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from lifegate.identity import session as identity_session
from lifegate.identity.middleware import SessionLifetimeMiddleware
from tests.identity import flows

pytestmark = pytest.mark.django_db


def _age(client, *, signed_in_ago, last_seen_ago):
    stored = client.session
    now = int(time.time())
    stored[identity_session.SIGNED_IN_AT] = now - signed_in_ago
    stored[identity_session.LAST_SEEN] = now - last_seen_ago
    stored.save()


@pytest.mark.parametrize(
    ("case", "signed_in_ago", "last_seen_ago", "still_in"),
    [
        ("fresh", 60, 60, True),
        ("idle too long", 3600, 16 * 60, False),
        ("too old, though busy", 13 * 3600, 10, False),
    ],
)
def test_sessions_end_when_idle_or_too_old(
    client, people, in_process_provider, *, case, signed_in_ago, last_seen_ago, still_in
):
    flows.sign_in(client, f"nl:{people['sanne'].person_id}")
    _age(client, signed_in_ago=signed_in_ago, last_seen_ago=last_seen_ago)

    response = client.get("/en/profile")

    assert (response.status_code == 200) == still_in, case


def test_the_session_cookie_is_httponly_and_samesite(client, people, in_process_provider, settings):
    flows.sign_in(client, f"nl:{people['sanne'].person_id}")

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_a_service_needing_a_higher_level_sends_the_citizen_to_step_up(
    client, people, in_process_provider
):
    flows.sign_in(client, f"nl:{people['sanne'].person_id}", loa="low")
    request = RequestFactory().get("/en/some-service")
    request.session = client.session

    def view(req):
        identity_session.require_loa(req, "high")
        return HttpResponse("ok")

    middleware = SessionLifetimeMiddleware(view)
    with pytest.raises(identity_session.StepUpRequiredError) as raised:
        view(request)
    with translation.override("en"):
        response = middleware.process_exception(request, raised.value)

    assert response is not None
    assert response["Location"].startswith("/en/sign-in?")
    assert "loa=high" in response["Location"]
    authorize = flows.start(client, "en", "high")
    assert "LoA%2Fsubstantial" not in authorize and "LoA%2Fhigh" in authorize
