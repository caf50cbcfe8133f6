# SPDX-License-Identifier: EUPL-1.2
"""Interoperability with code lifegate did not write, over real HTTP on loopback.

- requests-oauthlib (oauthlib) with PyJWT, as a relying party, completes the code flow with PKCE
  and private_key_jwt against the demo eID provider and verifies the ID token itself.
- The portal signs in at oidc-provider-mock, an independent OpenID provider for tests.
"""

import re
import time
import uuid
import warnings

import httpx
import jwt as pyjwt
import pytest
import requests
from authlib.deprecate import AuthlibDeprecationWarning  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from requests_oauthlib import OAuth2Session

from lifegate.identity import rp, services
from lifegate.identity import session as identity_session
from tests.identity import flows

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _independent_client_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_jwk = pyjwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    public_jwk.update({"kid": "interop-1", "alg": "RS256", "use": "sig"})
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem, public_jwk


def _pick_persona_in_the_browser(authorize_url: str, persona: str) -> str:
    """What a person does at the provider's page: open it, pick a persona, press sign in."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found is not None
    csrf = found.group(1)
    answer = browser.post(
        authorize_url,
        data={"csrfmiddlewaretoken": csrf, "persona": persona, "loa": "high"},
        headers={"Referer": authorize_url},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


@pytest.mark.django_db(transaction=True)
def test_an_independent_client_library_completes_the_code_flow(
    live_server, settings, people, monkeypatch
):
    settings.PUBLIC_URL = live_server.url
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # loopback HTTP in the test only
    issuer = f"{live_server.url}/demo-eid"
    metadata = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    pem, public_jwk = _independent_client_key()
    redirect = "http://127.0.0.1:1/interop/callback"
    services.register_relying_party(
        "interop-client", "Interop test", {"keys": [public_jwk]}, [redirect], []
    )
    session = OAuth2Session(
        "interop-client", redirect_uri=redirect, scope=["openid", "profile"], pkce="S256"
    )
    nonce = uuid.uuid4().hex
    url, _state = session.authorization_url(
        metadata["authorization_endpoint"], nonce=nonce, ui_locales="en"
    )

    back = _pick_persona_in_the_browser(url, f"nl:{people['sanne'].person_id}")
    assertion = pyjwt.encode(
        {
            "iss": "interop-client",
            "sub": "interop-client",
            "aud": metadata["token_endpoint"],
            "jti": uuid.uuid4().hex,
            "exp": int(time.time()) + 60,
        },
        pem,
        algorithm="RS256",
        headers={"kid": "interop-1"},
    )
    token = session.fetch_token(
        metadata["token_endpoint"],
        authorization_response=back,
        include_client_id=True,
        client_assertion_type=ASSERTION_TYPE,
        client_assertion=assertion,
    )

    signing_key = pyjwt.PyJWKClient(metadata["jwks_uri"]).get_signing_key_from_jwt(
        token["id_token"]
    )
    claims = pyjwt.decode(
        token["id_token"],
        signing_key.key,
        algorithms=["RS256"],
        audience="interop-client",
        issuer=issuer,
    )
    assert claims["nonce"] == nonce
    assert claims["acr"] == "http://eidas.europa.eu/LoA/high"
    assert claims["bsn"] == people["sanne"].bsn
    userinfo = session.get(metadata["userinfo_endpoint"], timeout=10).json()
    assert userinfo["family_name"] == "de Vries"


@pytest.fixture
def mock_provider():
    # oidc-provider-mock still uses authlib's deprecated `authlib.jose`; that warning is theirs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AuthlibDeprecationWarning)
        from oidc_provider_mock import User, run_server_in_thread  # noqa: PLC0415

    claims = {
        "bsn": "111222333",
        "given_name": "Sanne",
        "family_name": "de Vries",
        "birthdate": "1994-05-01",
        "acr": "http://eidas.europa.eu/LoA/substantial",
    }
    users = [User(sub="sanne", claims=claims)]
    with run_server_in_thread(require_nonce=True, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.mark.django_db
# The mock (not our code) still uses authlib APIs that authlib now marks deprecated.
@pytest.mark.filterwarnings("ignore::authlib.deprecate.AuthlibDeprecationWarning")
@pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")
def test_the_portal_signs_in_at_an_independent_provider(client, settings, people, mock_provider):
    settings.OIDC_ISSUER = mock_provider
    # The mock speaks client_secret_basic only (it accepts any secret); private_key_jwt is
    # proven against the demo provider and the independent client above.
    settings.OIDC_CLIENT_SECRET = "mock-accepts-any-secret"
    rp._metadata.clear()
    rp._key_sets.clear()

    authorize = client.post("/en/sign-in", {"loa": "substantial"})["Location"]
    assert authorize.startswith(mock_provider)
    back = httpx.post(authorize, data={"sub": "sanne"}, timeout=10)
    assert back.status_code == 302, back.text
    done = client.get(flows.path_of(back.headers["Location"]))

    assert done.status_code == 302, done.content.decode()
    request = type("R", (), {"session": client.session})()
    citizen = identity_session.citizen(request)
    assert citizen is not None
    assert (citizen.person_id, citizen.loa) == (people["sanne"].person_id, "substantial")
