# SPDX-License-Identifier: EUPL-1.2
"""Every bad token or request is refused, logged without personal data, and explained."""

import base64
import json
import logging
import time
from urllib.parse import urlencode

import pytest
from authlib.oauth2.rfc7523 import private_key_jwt_sign  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.jwk import RSAKey

from lifegate.identity import keys
from tests.identity import flows
from tests.identity.conftest import InProcessTransport

pytestmark = pytest.mark.django_db


def _resign(id_token: str, key=None, header=None, **changes) -> str:
    claims = dict(jwt.decode(id_token, keys.provider_signing_key()).claims)
    claims.update(changes)
    for name, value in list(claims.items()):
        if value is None:
            del claims[name]
    signing_key = key or keys.provider_signing_key()
    return jwt.encode(header or {"alg": "RS256", "kid": signing_key.kid}, claims, signing_key)


def _unsigned(id_token: str) -> str:
    claims = jwt.decode(id_token, keys.provider_signing_key()).claims

    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part(claims)}."


def _tampered(id_token: str) -> str:
    header, payload, signature = id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["bsn"] = "999999999"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


ID_TOKEN_CASES = [
    ("tampered", _tampered, "signature"),
    ("alg none", _unsigned, "algorithm"),
    ("wrong key", lambda t: _resign(t, key=RSAKey.generate_key(2048, auto_kid=True)), "signature"),
    (
        "expired",
        lambda t: _resign(t, exp=int(time.time()) - 3600, iat=int(time.time()) - 4000),
        "expired",
    ),
    ("wrong audience", lambda t: _resign(t, aud=["someone-else"]), "audience"),
    ("wrong issuer", lambda t: _resign(t, iss="https://evil.example"), "issuer"),
    ("missing nonce", lambda t: _resign(t, nonce=None), "nonce"),
    ("other nonce", lambda t: _resign(t, nonce="not-the-one"), "nonce"),
    ("no eIDAS LoA", lambda t: _resign(t, acr="urn:something"), "acr"),
]


class Tampering(InProcessTransport):
    def __init__(self, change):
        super().__init__()
        self.change = change

    def post_form(self, url, data, basic=None):
        status, body = super().post_form(url, data, basic)
        if "id_token" in body:
            body["id_token"] = self.change(body["id_token"])
        return status, body


REFUSED_PAGE = {
    "nl": ("Inloggen niet gelukt", "/nl/profiel"),
    "en": ("Sign-in not completed", "/en/profile"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("case", "change", "reason"), ID_TOKEN_CASES, ids=[c[0] for c in ID_TOKEN_CASES]
)
def test_a_bad_id_token_is_refused_with_a_clear_page(
    client, people, in_process_provider, caplog, *, case, change, reason, language
):
    in_process_provider.post_form = Tampering(change).post_form
    callback = flows.pick(client, flows.start(client, language), f"nl:{people['sanne'].person_id}")

    with caplog.at_level(logging.WARNING):
        response = client.get(callback)

    heading, profile = REFUSED_PAGE[language]
    assert response.status_code == 400, case
    assert heading in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert any(getattr(r, "reason", None) == reason for r in caplog.records), case
    assert people["sanne"].bsn not in caplog.text
    assert client.get(profile).status_code == 302  # not signed in


@pytest.mark.parametrize(("language", "explained"), [("nl", "al gebruikt"), ("en", "already used")])
def test_a_replayed_callback_with_a_used_state_is_refused_and_logged(
    client, people, in_process_provider, caplog, *, language, explained
):
    callback = flows.pick(client, flows.start(client, language), f"nl:{people['sanne'].person_id}")
    assert client.get(callback).status_code == 302

    with caplog.at_level(logging.WARNING):
        again = client.get(callback, headers={"Accept-Language": language})

    assert again.status_code == 400
    assert explained in again.content.decode()
    assert any(getattr(r, "reason", None) for r in caplog.records)


def test_a_missing_state_is_refused(client, people, in_process_provider):
    callback = flows.pick(client, flows.start(client), f"nl:{people['sanne'].person_id}")

    response = client.get(callback.split("&state=")[0].split("?state=")[0] + "?code=abc")

    assert response.status_code == 400


def test_a_code_is_redeemed_once(client, people, in_process_provider):
    status_codes = []
    original = in_process_provider.post_form

    def twice(url, data, basic=None):
        first = original(url, data)
        status_codes.append(original(url, {**data, "client_assertion": _fresh_assertion(url)})[0])
        return first

    in_process_provider.post_form = twice
    flows.sign_in(client, f"nl:{people['sanne'].person_id}")

    assert status_codes == [400]


def _fresh_assertion(url):
    key = keys.portal_client_key()
    return private_key_jwt_sign(
        key.as_dict(private=True), "lifegate-portal", url, header={"kid": key.kid}
    )


def test_a_pkce_mismatch_is_refused_at_the_token_endpoint(
    client, people, in_process_provider, caplog
):
    original = in_process_provider.post_form
    in_process_provider.post_form = lambda url, data, basic=None: original(
        url, {**data, "code_verifier": "x" * 64}
    )
    callback = flows.pick(client, flows.start(client), f"nl:{people['sanne'].person_id}")

    with caplog.at_level(logging.WARNING):
        response = client.get(callback)

    assert response.status_code == 400
    assert any(getattr(r, "error", None) == "invalid_grant" for r in caplog.records)


def _authorize_query(**changes):
    query = {
        "response_type": "code",
        "client_id": "lifegate-portal",
        "redirect_uri": "http://127.0.0.1:8000/identity/callback",
        "scope": "openid",
        "state": "s" * 20,
        "nonce": "n" * 20,
        "code_challenge": "c" * 43,
        "code_challenge_method": "S256",
    }
    query.update(changes)
    return "/demo-eid/authorize?" + urlencode({k: v for k, v in query.items() if v is not None})


@pytest.mark.parametrize(
    ("case", "changes", "expect"),
    [
        (
            "redirect not exact",
            {"redirect_uri": "http://127.0.0.1:8000/identity/callback/"},
            "page",
        ),
        ("unknown client", {"client_id": "nobody"}, "page"),
        ("implicit flow", {"response_type": "id_token"}, "unsupported_response_type"),
        ("no PKCE", {"code_challenge": None, "code_challenge_method": None}, "invalid_request"),
        ("PKCE plain", {"code_challenge_method": "plain"}, "invalid_request"),
        ("no nonce", {"nonce": None}, "invalid_request"),
    ],
)
def test_bad_authorization_requests_are_refused(
    client, people, in_process_provider, *, case, changes, expect
):
    flows.start(client)  # registers the portal at the demo provider

    response = client.get(_authorize_query(**changes))

    if expect == "page":
        assert response.status_code == 400, case
        assert "DEMO" in response.content.decode()
    else:
        assert response.status_code == 302, case
        assert f"error={expect}" in response["Location"]


def test_a_reused_nonce_is_refused_by_the_provider(client, people, in_process_provider):
    authorize = flows.start(client)
    nonce = flows.query(authorize)["nonce"]
    flows.pick(client, authorize, f"nl:{people['sanne'].person_id}")

    response = client.get(_authorize_query(nonce=nonce))

    assert response.status_code == 302
    assert "error=invalid_request" in response["Location"]
