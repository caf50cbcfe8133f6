# SPDX-License-Identifier: EUPL-1.2
"""OpenID4VP over real HTTP: signed request, DCQL, direct_post, single use, verdicts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import time
import uuid

import pytest
from django.utils import timezone

from lifegate.credentials import bind, services, verdicts
from lifegate.credentials import wallet as wallet_module
from lifegate.credentials.encoding import b64url_decode, json_object_b64
from lifegate.credentials.keys import public_key_from_jwk
from lifegate.credentials.models import CredentialStatus, IssuedCredential, PresentationRequest
from lifegate.credentials.openid4vc import REQUEST_TYP, parse_presentation_link, read_request_object
from lifegate.credentials.wallet import Wallet, WalletError
from lifegate.credentials.wallet_messages import NO_MATCHING_CREDENTIAL, NOT_WHAT_IS_ASKED
from lifegate.demo import models as demo_tables
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)


def _wallet_with(http, served, *configurations):
    wallet = Wallet({}, http, served)
    for configuration in configurations:
        offer = services.create_offer(configuration, AHMED_ID)
        wallet.receive(offer.link, offer.tx_code)
    return wallet


def _verdict(request_link):
    _client_id, uri = parse_presentation_link(request_link)
    return PresentationRequest.objects.get(pk=uuid.UUID(uri.rsplit("/", 1)[1])).verdict


def test_the_request_object_is_a_signed_jar_with_dcql_direct_post_nonce_and_state(served, http):
    link = services.start_presentation("university", "en")
    client_id, request_uri = parse_presentation_link(link)

    response = http.get(request_uri)

    assert response.headers["Content-Type"] == "application/oauth-authz-req+jwt"
    header = json_object_b64(response.text.split(".")[0])
    assert header["typ"] == REQUEST_TYP and header["alg"] == "ES256"
    registration = http.get(f"{served}/credentials/verifiers/{client_id}").json()
    keys = [public_key_from_jwk(k) for k in registration["jwks"]["keys"]]
    claims = read_request_object(response.text, keys, client_id=client_id, now=int(time.time()))
    assert claims["response_mode"] == "direct_post"
    assert claims["response_uri"].startswith(f"{served}/credentials/responses/")
    assert claims["dcql_query"]["credentials"][0]["meta"]["vct_values"] == [
        "urn:lifegate:diploma:1"
    ]
    assert len(claims["nonce"]) >= 32 and len(claims["state"]) >= 32


def test_ahmed_shows_only_degree_and_institution_and_the_university_verifies(served, http):
    wallet = _wallet_with(http, served, "diploma", "pid")
    link = services.start_presentation("university", "en")

    pending = wallet.prepare(link)
    shown = {path: value for _vct, (path, value) in pending.disclosed()}
    answer = wallet.send(pending)

    assert shown == {
        ("degree",): "Master of Science",
        ("institution",): "Rijksuniversiteit Groningen",
    }
    assert "/en/verifiers/university/requests/" in answer["redirect_uri"]
    verdict = _verdict(link)
    assert verdict["ok"] is True
    credential = verdict["credentials"][0]
    assert all(c["passed"] for c in credential["checks"])
    assert {c["label"] for c in credential["claims"]} == {"Degree", "Institution"}
    assert credential["issuer"] == f"{served}/credentials/issuers/duo"


# The PID's issuing authority and country are never selectively disclosable (PID
# rulebook): whoever sees a PID sees them, so the holder is told so before sharing.
PID_ALWAYS: dict[tuple[str, ...], object] = {
    ("issuing_authority",): "RvIG",
    ("issuing_country",): "NL",
}


@pytest.mark.parametrize(
    ("verifier", "configuration", "shown"),
    [
        ("landlord", "residence", {("address", "country"): "NL"}),
        ("cinema", "pid", {("age_equal_or_over", "18"): True, **PID_ALWAYS}),
    ],
)
def test_the_landlord_and_the_cinema_learn_only_their_one_fact(
    served, http, verifier, configuration, shown
):
    wallet = _wallet_with(http, served, configuration)
    link = services.start_presentation(verifier, "nl")

    pending = wallet.prepare(link)
    wallet.send(pending)
    told = verdicts.readable(pending.disclosed(), "nl")

    assert {path: value for _vct, (path, value) in pending.disclosed()} == shown
    assert _verdict(link)["ok"] is True
    assert _verdict(link)["credentials"][0]["claims"] == told  # what the holder was told


@pytest.mark.parametrize(
    ("language", "label", "value"), [("nl", "18 jaar of ouder", "Ja"), ("en", "18 or older", "Yes")]
)
def test_the_cinema_reads_over_18_as_a_word_in_its_language(served, http, language, label, value):
    wallet = _wallet_with(http, served, "pid")
    link = services.start_presentation("cinema", language)

    wallet.send(wallet.prepare(link))

    claims = _verdict(link)["credentials"][0]["claims"]
    assert {"label": label, "value": value} in claims


def test_a_revoked_diploma_is_refused_at_the_status_check(served, http):
    wallet = _wallet_with(http, served, "diploma")
    row = IssuedCredential.objects.get(copy_of=None)
    services.set_status("duo", row.id, CredentialStatus.REVOKED, by="test")
    link = services.start_presentation("university", "en")

    wallet.send(wallet.prepare(link))

    credential = _verdict(link)["credentials"][0]
    assert credential["reason"] == "revoked"
    assert [c["passed"] for c in credential["checks"]] == [True] * 5 + [False, None]


def test_a_tampered_request_object_is_refused_by_the_wallet(served, http):
    wallet = _wallet_with(http, served, "diploma")
    link = services.start_presentation("university", "en")
    _client_id, request_uri = parse_presentation_link(link)
    jwt = http.get(request_uri).text
    head, body, signature = jwt.split(".")
    claims = json_object_b64(body)
    claims["dcql_query"]["credentials"][0]["claims"].append({"path": ["birthdate"]})
    from lifegate.credentials.encoding import json_b64  # noqa: PLC0415

    tampered = f"{head}.{json_b64(claims)}.{signature}"

    class Tampering:
        def __init__(self, inner):
            self.inner = inner

        def get(self, url, **kwargs):
            response = self.inner.get(url, **kwargs)
            if url == request_uri:
                response._content = tampered.encode()
            return response

        def request(self, *args, **kwargs):
            return self.inner.request(*args, **kwargs)

    wallet.client = Tampering(http)
    with pytest.raises(WalletError, match="signature"):
        wallet.prepare(link)
    assert b64url_decode(signature)


def test_a_presentation_made_for_another_request_is_refused(served, http):
    wallet = _wallet_with(http, served, "diploma")
    first = services.start_presentation("university", "en")
    second = services.start_presentation("university", "en")
    for_first = wallet.prepare(first)
    for_second = wallet.prepare(second)
    other = {**for_second.request, "response_uri": for_first.request["response_uri"]}
    other["state"] = for_first.request["state"]

    wallet.send(dataclasses.replace(for_second, request=other))

    credential = _verdict(first)["credentials"][0]
    assert credential["ok"] is False
    assert credential["reason"] == "nonce_mismatch"


def test_a_request_is_answered_once_and_its_request_object_is_gone_after(served, http):
    wallet = _wallet_with(http, served, "diploma")
    link = services.start_presentation("university", "en")
    pending = wallet.prepare(link)
    wallet.send(pending)

    with pytest.raises(WalletError, match="already answered"):
        wallet.send(pending)
    assert http.get(parse_presentation_link(link)[1]).status_code == 404


def test_a_response_with_the_wrong_state_is_refused_as_problem_json(served, http):
    wallet = _wallet_with(http, served, "diploma")
    pending = wallet.prepare(services.start_presentation("university", "en"))
    match = pending.matches["university"]
    shown = bind(
        match.presentation,
        wallet.key,
        nonce=pending.request["nonce"],
        aud=pending.client_id,
        iat=int(time.time()),
    ).serialize()

    response = http.post(
        pending.request["response_uri"],
        data={"vp_token": json.dumps({"university": [shown]}), "state": "not-the-state"},
    )

    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["error"] == "invalid_request"


def test_a_wallet_without_a_matching_credential_says_so(served, http):
    wallet = _wallet_with(http, served, "pid")

    with pytest.raises(WalletError, match="None of your credentials"):
        wallet.prepare(services.start_presentation("university", "en"))


@pytest.mark.parametrize(
    ("wallet_language", "request_language", "name"),
    [("nl", "en", "Verhuurder (demo)"), ("en", "nl", "Landlord (demo)")],
)
def test_the_wallet_names_the_verifier_as_registered_in_the_wallets_language(
    served, http, wallet_language, request_language, name
):
    wallet = Wallet({}, http, served)
    offer = services.create_offer("residence", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)

    pending = wallet.prepare(
        services.start_presentation("landlord", request_language), wallet_language
    )

    assert pending.client_name == name


def test_the_register_of_verifiers_names_each_in_dutch_and_english(served, http):
    registration = http.get(f"{served}/credentials/verifiers/lifegate-verifier-landlord").json()

    assert registration["client_name"] == registration["client_name#en"] == "Landlord (demo)"
    assert registration["client_name#nl"] == "Verhuurder (demo)"


def test_an_unknown_verifier_is_not_in_the_registry(served, http):
    response = http.get(f"{served}/credentials/verifiers/lifegate-verifier-mallory")

    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"


def test_the_wallet_keeps_a_note_of_what_it_shared_and_with_whom(served, http):
    wallet = _wallet_with(http, served, "diploma", "pid")
    declined = wallet.prepare(services.start_presentation("cinema", "en"))  # never sent
    assert declined.disclosed()

    wallet.send(wallet.prepare(services.start_presentation("university", "nl")))

    (shared,) = wallet.history()
    assert shared.client_id == "lifegate-verifier-university"
    assert shared.name("nl") == "Universiteit Leuven (demo)"
    assert shared.name("en") == "University of Leuven (demo)"
    assert {path: value for _vct, (path, value) in shared.claims} == {
        ("degree",): "Master of Science",
        ("institution",): "Rijksuniversiteit Groningen",
    }
    assert abs((shared.at - dt.datetime.now(dt.UTC)).total_seconds()) < 60


def test_an_answer_the_verifier_refuses_is_not_noted_as_shared(served, http):
    wallet = _wallet_with(http, served, "diploma")
    pending = wallet.prepare(services.start_presentation("university", "en"))
    wallet.send(pending)

    with pytest.raises(WalletError, match="already answered"):
        wallet.send(pending)

    assert len(wallet.history()) == 1


def test_the_municipality_learns_name_birth_and_registering_municipality_only(served, http):
    wallet = _wallet_with(http, served, "birth-certificate", "pid")
    link = services.start_presentation("municipality", "nl")

    pending = wallet.prepare(link, "nl")
    wallet.send(pending)

    assert pending.client_name == "Gemeente Utrecht (demo)"
    shown = {path: value for _vct, (path, value) in pending.disclosed()}
    assert set(shown) == {
        ("family_name",),
        ("given_name",),
        ("birthdate",),
        ("municipality",),
    }
    assert shown[("given_name",)] == "Ahmed" and shown[("birthdate",)] == "2001-03-02"
    verdict = _verdict(link)
    assert verdict["ok"] is True
    labels = {c["label"]: c["value"] for c in verdict["credentials"][0]["claims"]}
    assert labels["Geboortedatum"] == "2 maart 2001"
    assert "Aktenummer" not in labels and "Ouders" not in labels and "Geslacht" not in labels


def test_the_wallet_keeps_only_its_latest_notes(served, http, monkeypatch):
    monkeypatch.setattr(wallet_module, "HISTORY_KEPT", 2)
    wallet = _wallet_with(http, served, "diploma", "pid")
    for verifier in ("university", "cinema", "university"):
        wallet.send(wallet.prepare(services.start_presentation(verifier, "en")))

    assert [shared.name("en") for shared in wallet.history()] == [
        "University of Leuven (demo)",
        "Cinema (demo)",
    ]


def test_a_note_the_wallet_cannot_read_is_left_out(served, http):
    wallet = _wallet_with(http, served, "diploma")
    wallet.send(wallet.prepare(services.start_presentation("university", "en")))
    wallet.state["shared"][:0] = [{"at": "yesterday"}, "rubbish", {"client_id": "x"}]

    assert [shared.client_id for shared in wallet.history()] == ["lifegate-verifier-university"]


@pytest.mark.parametrize(
    ("configurations", "why"),
    [
        (("pid",), NOT_WHAT_IS_ASKED),  # a PID, but one of someone under 18
        (("diploma",), NO_MATCHING_CREDENTIAL),  # no PID at all
    ],
)
def test_the_wallet_says_why_nothing_answers_the_cinema(served, http, configurations, why):
    seventeen = timezone.localdate() - dt.timedelta(days=17 * 365)  # not yet 18
    demo_tables.Person.objects.filter(person_id=AHMED_ID).update(birth_date=seventeen)
    wallet = _wallet_with(http, served, *configurations)
    link = services.start_presentation("cinema", "en")

    with pytest.raises(WalletError) as nothing:
        wallet.prepare(link)

    assert nothing.value.message == why
    # Nothing was sent, and the desk heard what a decline sounds like: no telling them apart.
    assert _verdict(link) == {"ok": False, "credentials": [], "wallet_error": "access_denied"}
