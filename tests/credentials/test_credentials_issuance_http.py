# SPDX-License-Identifier: EUPL-1.2
"""OpenID4VCI over real HTTP: metadata, offer, token with tx code, nonce, credential."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from lifegate.credentials import issuance, parse_sd_jwt, services
from lifegate.credentials.issuance import BATCH_SIZE
from lifegate.credentials.keys import generate_private_key
from lifegate.credentials.models import CredentialOffer, IssuedCredential
from lifegate.credentials.openid4vc import PRE_AUTHORIZED_GRANT, make_proof, parse_offer_link
from lifegate.credentials.wallet import Wallet, WalletError
from lifegate.credentials.wallet_messages import TX_CODE_FORM
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)
PROBLEM = "application/problem+json"


def _offer(configuration="diploma"):
    return services.create_offer(configuration, AHMED_ID)


def _code(link):
    return parse_offer_link(link)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]


def _token(base, code, tx_code):
    form = {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code, "tx_code": tx_code}
    return httpx.post(f"{base}/credentials/token", data=form)


def _nonce(base):
    return httpx.post(f"{base}/credentials/nonce").json()["c_nonce"]


def _credential(base, access_token, proof, configuration="diploma"):
    body = {"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}}
    headers = {"Authorization": f"Bearer {access_token}"}
    return httpx.post(f"{base}/credentials/credential", json=body, headers=headers)


def _access_token(base):
    offer = _offer()
    return _token(base, _code(offer.link), offer.tx_code).json()["access_token"]


def _problem(response, status, error):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == PROBLEM
    assert response.json()["error"] == error
    assert response.json()["type"].startswith("urn:lifegate:problem:")


def test_the_issuer_publishes_its_metadata_at_the_well_known_addresses(served):
    issuer = httpx.get(f"{served}/.well-known/openid-credential-issuer").json()
    oauth = httpx.get(f"{served}/.well-known/oauth-authorization-server").json()
    duo = httpx.get(f"{served}/.well-known/jwt-vc-issuer/credentials/issuers/duo").json()

    assert issuer["credential_issuer"] == served
    assert issuer["credential_endpoint"] == f"{served}/credentials/credential"
    assert set(issuer["credential_configurations_supported"]) == {
        "pid",
        "diploma",
        "residence",
        "birth-certificate",
    }
    assert issuer["credential_configurations_supported"]["diploma"]["format"] == "dc+sd-jwt"
    assert oauth["token_endpoint"] == f"{served}/credentials/token"
    assert PRE_AUTHORIZED_GRANT in oauth["grant_types_supported"]
    assert duo["issuer"] == f"{served}/credentials/issuers/duo"
    assert "d" not in duo["jwks"]["keys"][0]


def test_an_offer_link_carries_a_pre_authorised_code_and_asks_for_a_transaction_code(served):
    offer = _offer()

    parts = urlsplit(offer.link)
    body = parse_offer_link(offer.link)
    assert parts.scheme == "openid-credential-offer"
    assert "credential_offer" in parse_qs(parts.query)
    assert body["credential_issuer"] == served
    assert body["credential_configuration_ids"] == ["diploma"]
    assert body["grants"][PRE_AUTHORIZED_GRANT]["tx_code"]["length"] == 6
    assert len(offer.tx_code) == 6 and offer.tx_code.isdigit()


def test_the_wallet_receives_a_diploma_from_duo_bound_to_its_key_with_a_status(served, http):
    wallet = Wallet({}, http, served)
    offer = _offer()

    held = wallet.receive(offer.link, offer.tx_code)

    payload = held.credential.unverified_payload()
    assert payload["iss"] == f"{served}/credentials/issuers/duo"
    assert payload["vct"] == "urn:lifegate:diploma:1"
    shown_next = next(c for c in wallet.state["credentials"] if c["id"] == held.next_copy)
    assert payload["cnf"]["jwk"]["x"] == shown_next["key"]["x"]
    row = IssuedCredential.objects.get(status_index=payload["status"]["status_list"]["idx"])
    assert payload["status"]["status_list"] == {
        "idx": row.status_index,
        "uri": f"{served}/credentials/status-lists/duo/1",
    }
    disclosed = {d.name: d.value for d in held.credential.disclosures}
    assert disclosed["degree"] == "Master of Science"
    assert disclosed["institution"] == "Rijksuniversiteit Groningen"
    assert "Computing Science" in row.label


@pytest.mark.parametrize(
    ("configuration", "vct", "issuer"),
    [
        ("pid", "urn:eudi:pid:1", "rvig"),
        ("residence", "urn:lifegate:residence:1", "gemeente-groningen"),
        ("birth-certificate", "urn:lifegate:birth-certificate:1", "gemeente-groningen"),
    ],
)
def test_every_credential_type_is_issued_by_its_agency(served, http, configuration, vct, issuer):
    wallet = Wallet({}, http, served)
    offer = _offer(configuration)

    held = wallet.receive(offer.link, offer.tx_code)

    assert held.vct == vct
    assert held.issuer == f"{served}/credentials/issuers/{issuer}"


def test_status_indices_are_random_and_never_shared(served, http):
    wallet = Wallet({}, http, served)

    for _ in range(6):
        offer = _offer()
        wallet.receive(offer.link, offer.tx_code)

    indices = list(IssuedCredential.objects.values_list("status_index", flat=True))
    assert len(indices) == 6 * BATCH_SIZE and len(set(indices)) == len(indices)
    assert sorted(indices) != list(range(min(indices), min(indices) + len(indices)))


def test_a_pre_authorised_code_is_redeemed_once(served):
    offer = _offer()
    assert _token(served, _code(offer.link), offer.tx_code).status_code == 200

    replay = _token(served, _code(offer.link), offer.tx_code)

    _problem(replay, 400, "invalid_grant")


def test_a_wrong_transaction_code_is_refused_and_three_burn_the_offer(served):
    offer = _offer()
    wrong = f"{(int(offer.tx_code) + 1) % 1_000_000:06d}"

    said = []
    for _ in range(3):
        refused = _token(served, _code(offer.link), wrong)
        _problem(refused, 400, "invalid_grant")
        said.append(refused.json()["error_description"])
    after = _token(served, _code(offer.link), offer.tx_code)

    _problem(after, 400, "invalid_grant")
    burnt = "3 wrong transaction codes: the offer can no longer be used; ask for a new one"
    assert said == [f"the transaction code is not right ({n} more tries)" for n in (2, 1)] + [burnt]
    assert after.json()["error_description"] == burnt


def test_an_unknown_grant_type_or_code_is_refused(served):
    form = {"grant_type": "authorization_code", "code": "x"}
    _problem(httpx.post(f"{served}/credentials/token", data=form), 400, "unsupported_grant_type")
    _problem(_token(served, "no-such-code", "123456"), 400, "invalid_grant")


def test_a_c_nonce_is_used_once(served):
    holder, nonce = generate_private_key(), _nonce(served)
    first = make_proof(holder, aud=served, nonce=nonce, iat=int(time.time()))
    assert _credential(served, _access_token(served), first).status_code == 200

    again = make_proof(holder, aud=served, nonce=nonce, iat=int(time.time()))
    _problem(_credential(served, _access_token(served), again), 400, "invalid_nonce")


@pytest.mark.parametrize(
    ("aud", "nonce", "age"),
    [
        ("https://another-issuer.example", None, 0),
        (None, "a-nonce-we-never-issued", 0),
        (None, None, 3600),
    ],
    ids=["wrong audience", "wrong nonce", "stale"],
)
def test_a_proof_with_wrong_audience_nonce_or_age_is_refused(served, aud, nonce, age):
    proof = make_proof(
        generate_private_key(),
        aud=aud or served,
        nonce=nonce or _nonce(served),
        iat=int(time.time()) - age,
    )

    response = _credential(served, _access_token(served), proof)

    _problem(response, 400, "invalid_nonce" if nonce else "invalid_proof")
    assert IssuedCredential.objects.count() == 0


def test_a_proof_signed_by_another_key_than_its_header_is_refused(served):
    proof = make_proof(
        generate_private_key(), aud=served, nonce=_nonce(served), iat=int(time.time())
    )
    other = make_proof(generate_private_key(), aud=served, nonce="x", iat=int(time.time()))
    forged = ".".join([other.split(".")[0], *proof.split(".")[1:]])

    _problem(_credential(served, _access_token(served), forged), 400, "invalid_proof")


def test_the_credential_endpoint_needs_a_fresh_unused_access_token(served):
    proof = make_proof(
        generate_private_key(), aud=served, nonce=_nonce(served), iat=int(time.time())
    )
    token = _access_token(served)
    _problem(_credential(served, "not-a-token", proof), 401, "invalid_token")
    assert _credential(served, token, proof).status_code == 200

    second = make_proof(
        generate_private_key(), aud=served, nonce=_nonce(served), iat=int(time.time())
    )
    response = _credential(served, token, second)

    _problem(response, 401, "invalid_token")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_credential_of_another_type_than_offered_is_refused(served):
    proof = make_proof(
        generate_private_key(), aud=served, nonce=_nonce(served), iat=int(time.time())
    )

    response = _credential(served, _access_token(served), proof, configuration="pid")

    _problem(response, 400, "unknown_credential_configuration")


def test_the_wallet_says_what_went_wrong_with_a_wrong_code(served, http):
    wallet = Wallet({}, http, served)
    offer = _offer()

    with pytest.raises(WalletError, match="transaction code"):
        wallet.receive(offer.link, "000000" if offer.tx_code != "000000" else "111111")
    assert wallet.held() == []


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12345a", "١٢٣٤٥٦"])
def test_the_wallet_sends_no_code_that_cannot_be_the_offers(served, http, typed):
    wallet = Wallet({}, http, served)
    offer = _offer()
    one_try_left = issuance.MAX_TX_CODE_FAILURES - 1
    CredentialOffer.objects.update(failed_tx_codes=one_try_left)

    with pytest.raises(WalletError) as refused:
        wallet.receive(offer.link, typed)
    taken = wallet.receive(offer.link, offer.tx_code)  # the last try was not spent on it

    assert refused.value.message == TX_CODE_FORM
    assert taken.vct


def test_the_issued_credential_parses_as_sd_jwt_with_decoys(served, http):
    wallet = Wallet({}, http, served)
    offer = _offer()

    held = wallet.receive(offer.link, offer.tx_code)

    parsed = parse_sd_jwt(held.credential.serialize())
    assert len(parsed.unverified_payload()["_sd"]) > len(parsed.disclosures)
