# SPDX-License-Identifier: EUPL-1.2
"""Token Status Lists over HTTP, and agencies revoking or suspending through API and admin."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from lifegate.credentials import Status, parse_status_list_token, services, trust
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.keys import public_key_from_jwk
from lifegate.credentials.models import CredentialStatus, IssuedCredential
from lifegate.credentials.wallet import Wallet
from lifegate.identity.officials import ensure_official
from tests.credentials.foreign_issuer import check_at_the_university
from tests.credentials.registry_factory import AHMED_ID
from tests.identity.agency import agency_token

pytestmark = pytest.mark.django_db(transaction=True)


def _issue(http, served, configuration="diploma"):
    wallet = Wallet({}, http, served)
    offer = services.create_offer(configuration, AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    return IssuedCredential.objects.filter(copy_of=None).order_by("-issued_at").first()


def _status_on_list(http, served, row):
    uri = f"{served}/credentials/status-lists/duo/1"
    duo = http.get(f"{served}/.well-known/jwt-vc-issuer/credentials/issuers/duo").json()
    keys = [public_key_from_jwk(k) for k in duo["jwks"]["keys"]]
    token = parse_status_list_token(http.get(uri).text, keys, uri=uri, now=int(time.time()))
    return token.statuses.get(row.status_index)


def test_the_status_list_is_a_signed_statuslist_jwt_with_caching_headers(served, http):
    row = _issue(http, served)

    response = http.get(f"{served}/credentials/status-lists/duo/1")

    assert response.headers["Content-Type"] == "application/statuslist+jwt"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["ETag"].startswith('"')
    assert _status_on_list(http, served, row) == Status.VALID
    again = http.get(
        f"{served}/credentials/status-lists/duo/1",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304


def test_revoking_changes_the_list_and_its_etag_at_once(served, http):
    row = _issue(http, served)
    before = http.get(f"{served}/credentials/status-lists/duo/1").headers["ETag"]

    services.set_status("duo", row.id, CredentialStatus.REVOKED, by="test")

    assert http.get(f"{served}/credentials/status-lists/duo/1").headers["ETag"] != before
    assert _status_on_list(http, served, row) == Status.INVALID


def test_a_verifier_keeps_a_list_for_its_ttl_and_then_sees_the_suspension(served, http):
    row = _issue(http, served)
    now = [int(time.time())]
    verifier = trust.verifier()
    verifier.clock = lambda: now[0]
    verifier.prefetch(
        f"{served}/credentials/issuers/duo", f"{served}/credentials/status-lists/duo/1"
    )
    services.set_status("duo", row.id, CredentialStatus.SUSPENDED, by="test")
    cached = verifier._status_list(
        f"{served}/credentials/issuers/duo", f"{served}/credentials/status-lists/duo/1", now[0]
    )
    assert cached.statuses.get(row.status_index) == Status.VALID

    now[0] += 61
    fresh = verifier._status_list(
        f"{served}/credentials/issuers/duo", f"{served}/credentials/status-lists/duo/1", now[0]
    )

    assert fresh.statuses.get(row.status_index) == Status.SUSPENDED


def test_an_unknown_status_list_is_a_problem(served, http):
    response = http.get(f"{served}/credentials/status-lists/duo/99")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


def _api(client, token, method, path, body=None):
    call = getattr(client, method)
    kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
    return call(f"/api/v1/credentials{path}", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)


def test_duo_suspends_reinstates_and_revokes_through_the_api(served, http, client):
    row = _issue(http, served)
    token = agency_token("duo")

    listed = _api(client, token, "get", f"/issued-credentials?personId={AHMED_ID}").json()
    suspended = _api(
        client, token, "put", f"/issued-credentials/{row.id}/status", {"status": "suspended"}
    )
    reinstated = _api(
        client, token, "put", f"/issued-credentials/{row.id}/status", {"status": "valid"}
    )
    revoked = _api(
        client, token, "put", f"/issued-credentials/{row.id}/status", {"status": "revoked"}
    )
    back = _api(client, token, "put", f"/issued-credentials/{row.id}/status", {"status": "valid"})

    assert [c["id"] for c in listed["credentials"]] == [str(row.id)]
    assert listed["credentials"][0]["statusListUri"].endswith("/credentials/status-lists/duo/1")
    assert suspended.json()["status"] == "suspended"
    assert reinstated.json()["status"] == "valid"
    assert revoked.json()["status"] == "revoked"
    assert back.status_code == 409
    assert back["Content-Type"] == "application/problem+json"
    assert _status_on_list(http, served, row) == Status.INVALID


def test_the_api_says_how_many_copies_and_who_withdrew_it(served, http, client):
    kept = _issue(http, served)
    shown = Wallet({}, http, served)
    shown.receive(*_offer_parts("diploma"))
    assert check_at_the_university(shown)["ok"] is True
    shown.renew(shown.held()[0].id)  # one more copy in the place of the one shown
    renewed = IssuedCredential.objects.filter(copy_of=None).order_by("-issued_at")[0]
    services.withdraw(AHMED_ID, [kept.id])
    token = agency_token("duo")

    listed = _api(client, token, "get", "/issued-credentials").json()["credentials"]
    changed = _api(
        client, token, "put", f"/issued-credentials/{renewed.id}/status", {"status": "suspended"}
    ).json()

    by_id = {c["id"]: c for c in listed}
    assert by_id[str(kept.id)]["copies"] == BATCH_SIZE
    assert by_id[str(kept.id)]["withdrawnByHolder"] is True
    assert by_id[str(kept.id)]["statusChangedAt"] is not None
    assert by_id[str(renewed.id)]["copies"] == BATCH_SIZE + 1
    assert by_id[str(renewed.id)]["withdrawnByHolder"] is False
    assert by_id[str(renewed.id)]["statusChangedAt"] is None
    assert (changed["copies"], changed["withdrawnByHolder"]) == (BATCH_SIZE + 1, False)
    assert changed["statusChangedAt"] is not None


def _offer_parts(configuration):
    offer = services.create_offer(configuration, AHMED_ID)
    return offer.link, offer.tx_code


def test_another_agency_cannot_see_or_revoke_duos_credentials(served, http, client):
    row = _issue(http, served)
    token = agency_token("svb")

    listed = _api(client, token, "get", "/issued-credentials").json()
    response = _api(
        client, token, "put", f"/issued-credentials/{row.id}/status", {"status": "revoked"}
    )

    assert listed["credentials"] == []
    assert response.status_code == 404
    assert IssuedCredential.objects.get(copy_of=None).status == "valid"


def _admin_official(client):
    ensure_official("duo", "ambtenaar-duo")
    official = get_user_model().objects.get(username="ambtenaar-duo")
    official.is_staff = True
    official.save()
    official.user_permissions.add(*Permission.objects.filter(content_type__app_label="credentials"))
    client.force_login(official)


def test_a_duo_official_revokes_in_the_admin_and_sees_only_duos_credentials(served, http, client):
    diploma = _issue(http, served)
    _issue(http, served, "residence")
    _admin_official(client)

    page = client.get("/en/admin/credentials/issuedcredential/")
    client.post(
        "/en/admin/credentials/issuedcredential/",
        {"action": "revoke", "_selected_action": [str(diploma.id)]},
    )

    assert page.status_code == 200
    assert "Computing Science" in page.content.decode()
    assert "Moesstraat" not in page.content.decode()
    assert IssuedCredential.objects.get(pk=diploma.id).status == "revoked"
    assert IssuedCredential.objects.get(pk=diploma.id).status_changed_by == "ambtenaar-duo"


@pytest.mark.parametrize(
    ("language", "holder", "told", "word"),
    [
        (
            "en",
            "the holder (withdrawn)",
            "Now suspended: 1. Already suspended: 1. Not changed (revoked is final): 1.",
            "suspended",
        ),
        (
            "nl",
            "de houder (ingetrokken)",
            "Nu geschorst: 1. Al geschorst: 1. Niet gewijzigd (intrekken is definitief): 1.",
            "geschorst",
        ),
    ],
)
def test_the_admin_says_in_words_that_the_holder_withdrew_it(
    served, http, client, *, language, holder, told, word
):
    withdrawn, valid, suspended = (_issue(http, served) for _ in range(3))
    services.withdraw(AHMED_ID, [withdrawn.id])
    services.set_status("duo", suspended.id, CredentialStatus.SUSPENDED, by="ambtenaar-duo")
    _admin_official(client)
    listing = f"/{language}/admin/credentials/issuedcredential/"
    chosen = [str(row.id) for row in (withdrawn, valid, suspended)]

    page = client.get(f"{listing}{withdrawn.id}/change/")
    done = client.post(listing, {"action": "suspend", "_selected_action": chosen}, follow=True)

    assert holder in page.content.decode()
    assert "(holder)" not in page.content.decode()
    assert "vTextField" not in page.content.decode()  # every field read-only
    assert told in done.content.decode()
    assert f'<td class="field-status">{word}</td>' in done.content.decode()
    assert IssuedCredential.objects.get(pk=valid.id).status == "suspended"
