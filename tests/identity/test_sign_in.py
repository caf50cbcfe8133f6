# SPDX-License-Identifier: EUPL-1.2
"""The portal signs citizens in through the demo eID provider (OIDC code flow, PKCE, nonce)."""

import pytest

from lifegate.identity import models
from lifegate.identity import session as identity_session
from tests.identity import flows

pytestmark = pytest.mark.django_db


def test_a_dutch_persona_signs_in_with_a_new_session_id(client, people, in_process_provider):
    client.get("/en/")
    before = client.session.session_key

    flows.sign_in(client, f"nl:{people['sanne'].person_id}")

    citizen = identity_session.citizen(_request_with(client))
    assert citizen is not None
    assert (citizen.person_id, citizen.loa, citizen.scheme) == (
        people["sanne"].person_id,
        "substantial",
        "nl",
    )
    assert client.session.session_key != before


def test_a_foreign_persona_is_recognised_but_not_yet_registered(
    client, people, in_process_provider
):
    flows.sign_in(client, f"eidas:{people['lucia'].person_id}")

    citizen = identity_session.citizen(_request_with(client))
    assert citizen is not None
    assert (citizen.scheme, citizen.person_id, citizen.registered) == ("eidas", None, False)
    record = models.ForeignIdentity.objects.get()
    assert record.person_identifier == "ES/NL/99999999R"
    assert record.person_id is None


def test_the_profile_page_shows_who_signed_in(client, people, in_process_provider):
    flows.sign_in(client, f"nl:{people['sanne'].person_id}")

    page = client.get("/en/profile").content.decode()

    assert "Signed in as Sanne de Vries" in page
    assert "Noor de Vries" in page  # she may act for her baby
    born = people["sanne"].birth_date
    assert f"<dd>{born.day} {born.strftime('%B')} {born.year}</dd>" in page  # not ISO text


def test_sign_out_ends_the_session_and_the_tokens_at_the_provider(
    client, people, in_process_provider
):
    flows.sign_in(client, f"nl:{people['sanne'].person_id}")

    response = client.post("/en/sign-out")

    assert "/demo-eid/end-session" in response["Location"]
    back = client.get(flows.path_of(response["Location"]))
    assert back.status_code == 302
    assert back["Location"].endswith("/identity/signed-out")
    assert client.get("/en/profile").status_code == 302
    assert not models.AccessToken.objects.filter(revoked=False).exists()


def _request_with(client):
    from django.test import RequestFactory  # noqa: PLC0415

    request = RequestFactory().get("/")
    request.session = client.session
    return request
