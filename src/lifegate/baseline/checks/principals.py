# SPDX-License-Identifier: EUPL-1.2
"""The people and systems the authorisation matrix acts as: each one a signed-in test client.

Citizens get the session the eID callback would give them, officials the session of a
password + TOTP sign-in, agencies a bearer token from `POST /oauth2/token` (private_key_jwt),
all made the way the blocks make them. Used inside the baseline's rolled-back transaction.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from joserfc import jwt
from joserfc.jwk import RSAKey

from lifegate.demo import services as demo
from lifegate.identity import officials, session
from lifegate.identity import services as identity
from lifegate.ledger import keys


@dataclass(frozen=True)
class Principal:
    """Who a request is made as: `client` carries the session; `headers` the bearer token."""

    name: str
    client: Client
    headers: dict[str, Any]

    def request(self, method: str, path: str, data: Any = None, *, json: bool = False) -> Any:
        kwargs: dict[str, Any] = dict(self.headers)
        if json:
            kwargs["content_type"] = "application/json"
            kwargs["HTTP_IDEMPOTENCY_KEY"] = uuid.uuid4().hex  # so a refusal is about the id
        call = getattr(self.client, method.lower())
        if method == "GET":
            return call(path, **kwargs)
        return call(path, data if data is not None else {}, **kwargs)


def anonymous() -> Principal:
    return Principal("nobody", Client(), {})


def persona_ids() -> dict[str, int]:
    """Person ids of the demo personas by first name (`sanne`, `kees`, `eva`, ...)."""
    return {p.persona.split("-")[0]: p.person.person_id for p in demo.personas()}


def citizen(name: str, person_id: int) -> Principal:
    """A citizen signed in with eID at level substantial, as the sign-in callback leaves them."""
    person = demo.find_person(person_id)
    if person is None:
        raise LookupError(f"person {person_id} is not in the population: run `lifegate seed`")
    client = Client()
    store = client.session
    signed = session.Citizen(
        "nl",
        person_id,
        True,
        person.given_names,
        person.family_name,
        person.birth_date.isoformat(),
        "substantial",
    )
    store[session.CITIZEN] = asdict(signed)
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store.save()
    return Principal(name, client, {})


def throwaway_official(organisation: str, username: str) -> officials.OfficialCredentials:
    """A caseworker account; its generated password and TOTP secret go to a temporary folder,
    not to LIFEGATE_HOME/secrets (the account itself is rolled back with the run).

    The folder links the installation's own secrets (the ledger's signing key above all): the
    audit entry of the new account is signed into the log with the log's key, not a stray one
    that would make the next checkpoint unverifiable."""
    keys.signer()  # the log's key exists before it is linked
    installed = Path(settings.HOME) / "secrets"
    with tempfile.TemporaryDirectory() as home, override_settings(HOME=Path(home)):
        secrets = Path(home) / "secrets"
        secrets.mkdir(mode=0o700)
        for secret in installed.iterdir():
            (secrets / secret.name).symlink_to(secret)
        return officials.ensure_official(organisation, username)


def official(name: str, organisation: str) -> Principal:
    """An official with a caseworker role at `organisation`, signed in with a second factor."""
    username = f"baseline-{organisation}"
    throwaway_official(organisation, username)
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    store = client.session
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store.save()
    return Principal(name, client, {})


def agency(name: str, organisation: str) -> Principal:
    """An agency's system with a bearer token from the token endpoint (client credentials)."""
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    client_id = f"baseline-{organisation}-{uuid.uuid4().hex[:8]}"
    identity.register_agency_client(client_id, organisation, {"keys": [key.as_dict(private=False)]})
    audience = f"{settings.PUBLIC_URL}/oauth2/token"
    now = int(time.time())
    claims = {"iss": client_id, "sub": client_id, "aud": audience, "jti": uuid.uuid4().hex}
    assertion = jwt.encode(
        {"alg": "RS256", "kid": key.kid}, {**claims, "iat": now, "exp": now + 60}, key
    )
    answer = Client().post(
        "/oauth2/token",
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion,
        },
    )
    if answer.status_code != 200:
        raise RuntimeError(f"the token endpoint refused {organisation}: {answer.status_code}")
    token = answer.json()["access_token"]
    return Principal(name, Client(), {"HTTP_AUTHORIZATION": f"Bearer {token}"})
