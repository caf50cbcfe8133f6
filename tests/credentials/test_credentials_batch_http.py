# SPDX-License-Identifier: EUPL-1.2
"""Batch issuance over real HTTP: Ahmed's wallet takes his diploma in copies, each with its own
key, salts and status index, and shows each verifier another copy, so that two verifiers
comparing what they saw find nothing in common but the claims shown. DUO's officials see one
credential; revoking it revokes every copy; the holder is told once, and told when every copy
has been shown."""

from __future__ import annotations

import dataclasses
import time
import uuid
import zlib
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lifegate.credentials import generate_private_key, parse_sd_jwt, public_jwk, services
from lifegate.credentials.encoding import b64url_decode, json_object_b64
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.models import CredentialStatus, IssuedCredential, PresentationRequest
from lifegate.credentials.openid4vc import (
    PRE_AUTHORIZED_GRANT,
    make_proof,
    parse_offer_link,
    parse_presentation_link,
)
from lifegate.credentials.statuses import CredentialNotFoundError
from lifegate.credentials.wallet import Wallet, WalletError
from lifegate.credentials.wallet_messages import SHOWN_BEFORE
from lifegate.messagebox.models import Message
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)


def _access_token(base: str) -> str:
    offer = services.create_offer("diploma", AHMED_ID)
    code = parse_offer_link(offer.link)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    form = {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code}
    token = httpx.post(f"{base}/credentials/token", data=form | {"tx_code": offer.tx_code})
    return str(token.json()["access_token"])


def _nonce(base: str) -> str:
    return str(httpx.post(f"{base}/credentials/nonce").json()["c_nonce"])


def _ask(base: str, token: str, proofs: list[str]) -> httpx.Response:
    body = {"credential_configuration_id": "diploma", "proofs": {"jwt": proofs}}
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{base}/credentials/credential", json=body, headers=headers)


def _proofs(base: str, count: int, nonce: str = "") -> tuple[list[str], list[dict[str, str]]]:
    keys = [generate_private_key() for _ in range(count)]
    nonce = nonce or _nonce(base)
    proofs = [make_proof(k, aud=base, nonce=nonce, iat=int(time.time())) for k in keys]
    return proofs, [public_jwk(k) for k in keys]


def test_the_issuer_offers_copies_in_batches(served: str) -> None:
    metadata = httpx.get(f"{served}/.well-known/openid-credential-issuer").json()

    assert metadata["batch_credential_issuance"] == {"batch_size": BATCH_SIZE}


def test_each_copy_has_its_own_key_salts_and_status_index_and_officials_see_one(
    served: str,
) -> None:
    proofs, keys = _proofs(served, 3)

    response = _ask(served, _access_token(served), proofs)

    assert response.status_code == 200, response.text
    copies = [parse_sd_jwt(c["credential"]) for c in response.json()["credentials"]]
    payloads = [c.unverified_payload() for c in copies]
    assert sorted(p["cnf"]["jwk"]["x"] for p in payloads) == sorted(k["x"] for k in keys)
    assert len({p["status"]["status_list"]["idx"] for p in payloads}) == 3
    digests = [set(p["_sd"]) for p in payloads]  # salts differ, so every digest does
    assert all(a.isdisjoint(b) for i, a in enumerate(digests) for b in digests[i + 1 :])
    shown = [{d.name: d.value for d in c.disclosures} for c in copies]
    assert shown[0] == shown[1] == shown[2]
    # In the clear beside them: only what every credential of its kind issued that day has.
    clear = [{k: v for k, v in p.items() if k not in {"_sd", "cnf", "status"}} for p in payloads]
    assert clear[0] == clear[1] == clear[2] and clear[0]["iat"] % 86_400 == 0
    assert clear[0]["exp"] == clear[0]["iat"] + settings.CREDENTIALS_VALIDITY_DAYS * 86_400
    assert IssuedCredential.objects.count() == 3
    (listed,) = services.issued_to(AHMED_ID)
    assert listed.id == IssuedCredential.objects.get(copy_of=None).id


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("too many", "invalid_credential_request"),
        ("one key twice", "invalid_proof"),
        ("two nonces", "invalid_nonce"),
    ],
)
def test_a_bad_batch_is_refused_and_loses_nothing(served: str, case: str, error: str) -> None:
    token, nonce = _access_token(served), _nonce(served)
    if case == "too many":
        proofs, _keys = _proofs(served, BATCH_SIZE + 1, nonce)
    elif case == "one key twice":
        key = generate_private_key()
        proofs = [make_proof(key, aud=served, nonce=nonce, iat=int(time.time()))] * 2
    else:
        proofs = _proofs(served, 1, nonce)[0] + _proofs(served, 1)[0]

    refused = _ask(served, token, proofs)

    assert refused.status_code == 400 and refused.json()["error"] == error, refused.text
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert IssuedCredential.objects.count() == 0
    # Neither the access token nor the c_nonce was used up: the same two ask again.
    assert _ask(served, token, _proofs(served, 2, nonce)[0]).status_code == 200


def _on_the_list(base: str, http: httpx.Client) -> list[int]:
    """Every index's 2-bit value on DUO's served status list (1 revoked, 2 suspended)."""
    token = http.get(f"{base}/credentials/status-lists/duo/1").text
    status_list = json_object_b64(token.split(".")[1])["status_list"]
    bits = zlib.decompress(b64url_decode(status_list["lst"]))
    return [(bits[i // 4] >> (2 * (i % 4))) & 3 for i in range(len(bits) * 4)]


def _revoked_indices(base: str, http: httpx.Client) -> set[int]:
    return {i for i, value in enumerate(_on_the_list(base, http)) if value == 1}


def _statuses(base: str, http: httpx.Client, indices: set[int]) -> set[int]:
    values = _on_the_list(base, http)
    return {values[i] for i in indices}


def test_revoking_revokes_every_copy_and_tells_the_holder_once(served: str, http: Any) -> None:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    copies = wallet.state["credentials"]
    indices = {
        parse_sd_jwt(c["credential"]).unverified_payload()["status"]["status_list"]["idx"]
        for c in copies
    }
    told = Message.objects.count()

    primary = IssuedCredential.objects.get(copy_of=None)
    services.set_status("duo", primary.id, CredentialStatus.REVOKED, by="test")

    assert len(copies) == len(indices) == BATCH_SIZE
    assert _revoked_indices(served, http) == indices
    assert Message.objects.count() == told + 1


@pytest.mark.parametrize(
    ("change", "on_the_list"),
    [(CredentialStatus.SUSPENDED, 2), (CredentialStatus.VALID, 0)],
)
def test_a_suspension_and_a_reinstatement_reach_every_copy_and_copies_are_not_addressed(
    served: str, http: Any, change: CredentialStatus, on_the_list: int
) -> None:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    primary = IssuedCredential.objects.get(copy_of=None)
    services.set_status("duo", primary.id, CredentialStatus.SUSPENDED, by="test")

    if change == CredentialStatus.VALID:
        services.set_status("duo", primary.id, CredentialStatus.VALID, by="test")

    rows = IssuedCredential.objects.all()
    assert {row.status for row in rows} == {change.value} and len(rows) == BATCH_SIZE
    assert _statuses(served, http, {row.status_index for row in rows}) == {on_the_list}
    copy = rows.exclude(copy_of=None).first()
    assert copy is not None
    with pytest.raises(CredentialNotFoundError):  # a copy is changed through its credential
        services.set_status("duo", copy.id, CredentialStatus.REVOKED, by="test")


def test_a_copy_a_verifier_refused_is_still_counted_as_shown(served: str, http: Any) -> None:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    pending = wallet.prepare(services.start_presentation("university", "en"))
    wrong_state = dataclasses.replace(pending, request=pending.request | {"state": "not-it"})

    with pytest.raises(WalletError):
        wallet.send(wrong_state)  # the verifier received the copy, then refused the answer

    again = wallet.prepare(services.start_presentation("university", "en"))
    assert again.copies["university"] != pending.copies["university"]


def _verdict(link: str) -> dict[str, Any]:
    _client_id, uri = parse_presentation_link(link)
    verdict = PresentationRequest.objects.get(pk=uuid.UUID(uri.rsplit("/", 1)[1])).verdict
    assert isinstance(verdict, dict)
    return verdict


def test_each_verifier_sees_another_copy_until_all_are_shown_and_the_holder_is_told(
    served: str, http: Any
) -> None:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    shown = []
    for _ in range(BATCH_SIZE):
        link = services.start_presentation("university", "en")
        pending = wallet.prepare(link)
        assert not pending.shown_before
        wallet.send(pending)
        assert _verdict(link)["ok"] is True
        shown.append(pending.copies["university"])

    again = wallet.prepare(services.start_presentation("university", "en"))

    assert len(set(shown)) == BATCH_SIZE  # every verifier saw another copy
    keys = {c["key"]["x"] for c in wallet.state["credentials"]}
    assert len(keys) == BATCH_SIZE  # each with its own holder key
    assert again.shown_before and again.copies["university"] == shown[0]  # shown longest ago
    (held,) = wallet.held()
    assert (held.copies, held.unshown) == (BATCH_SIZE, 0)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_wallet_page_says_so_before_sharing_a_copy_shown_before(
    served: str, language: str
) -> None:
    offer = services.create_offer("diploma", AHMED_ID)
    client = Client()
    with translation.override(language):
        home, present = reverse("credentials:wallet"), reverse("credentials:wallet-present")
    client.get(home)
    client.post(home, {"offer": offer.link, "tx_code": offer.tx_code})
    request = services.start_presentation("university", language)
    assert 'id="shown-before"' not in client.get(present, {"request": request}).content.decode()
    session = client.session
    for copy in session["credentials.wallet"]["credentials"]:
        copy["used_at"] = "2026-11-30T09:00:00.000000+00:00"  # every copy shown once
    session.save()

    page = client.get(present, {"request": request}).content.decode()

    with translation.override(language):
        warning = translation.gettext(SHOWN_BEFORE)
    assert 'id="shown-before"' in page and warning.split(".")[0] in page
