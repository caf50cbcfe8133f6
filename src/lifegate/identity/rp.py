# SPDX-License-Identifier: EUPL-1.2
"""The portal as OpenID Connect relying party, for any provider that follows the NL GOV profile.

Configured by LIFEGATE_OIDC_ISSUER, LIFEGATE_OIDC_CLIENT_ID and LIFEGATE_OIDC_CLIENT_KEY; the
provider is reached over HTTP through `Transport` (one method per call), so the same code
signs in at a national broker, at the built-in demo provider on loopback, or at a test provider.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from authlib.oauth2.rfc7523 import private_key_jwt_sign  # type: ignore[import-untyped]
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest
from joserfc.jwk import KeySet

from lifegate.identity import keys, loa
from lifegate.identity.provider.server import demo_issuer

logger = logging.getLogger(__name__)

PENDING = "identity.pending"
PENDING_LIFETIME = 600  # seconds a sign-in may take at the provider
_CACHE_SECONDS = 300


class SignInRefusedError(Exception):
    """The sign-in cannot be completed; `reason` is a stable code the portal explains."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Transport(Protocol):
    def get_json(self, url: str, bearer: str = "") -> dict[str, Any]: ...

    def post_form(
        self, url: str, data: dict[str, str], basic: tuple[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]: ...


class HttpxTransport:
    """The real transport: httpx, short timeouts, no redirects followed."""

    def get_json(self, url: str, bearer: str = "") -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        response = httpx.get(url, headers=headers, timeout=10)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    def post_form(
        self, url: str, data: dict[str, str], basic: tuple[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        response = httpx.post(url, data=data, auth=basic, timeout=10)
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            body = {}
        return response.status_code, body


_transport: list[Transport] = [HttpxTransport()]


def transport() -> Transport:
    return _transport[-1]


def use_transport(replacement: Transport) -> None:
    """Route the relying party's calls through `replacement` (tests: in-process or loopback)."""
    _transport.append(replacement)


def reset_transport() -> None:
    del _transport[1:]


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


_metadata: dict[str, tuple[float, Provider]] = {}
_key_sets: dict[str, tuple[float, KeySet]] = {}


def issuer() -> str:
    return settings.OIDC_ISSUER or demo_issuer()


def redirect_uri() -> str:
    return f"{settings.PUBLIC_URL}/identity/callback"


def post_logout_redirect_uri() -> str:
    return f"{settings.PUBLIC_URL}/identity/signed-out"


def provider() -> Provider:
    """The provider's metadata from its discovery document (cached for a few minutes)."""
    wanted = issuer()
    cached = _metadata.get(wanted)
    if cached and time.monotonic() - cached[0] < _CACHE_SECONDS:
        return cached[1]
    try:
        document = transport().get_json(f"{wanted}/.well-known/openid-configuration")
    except (httpx.HTTPError, ValueError) as error:
        logger.warning("identity.discovery_failed", extra={"issuer": wanted})
        raise SignInRefusedError("provider-unreachable") from error
    if document.get("issuer") != wanted:  # OIDC Discovery 4.3: no impostor documents
        raise SignInRefusedError("issuer")
    found = Provider(
        wanted,
        document["authorization_endpoint"],
        document["token_endpoint"],
        document["jwks_uri"],
        document.get("end_session_endpoint", ""),
    )
    _metadata[wanted] = (time.monotonic(), found)
    return found


def provider_keys(metadata: Provider, refresh: bool = False) -> KeySet:
    cached = _key_sets.get(metadata.jwks_uri)
    if cached and not refresh and time.monotonic() - cached[0] < _CACHE_SECONDS:
        return cached[1]
    try:
        key_set = KeySet.import_key_set(transport().get_json(metadata.jwks_uri))  # type: ignore[arg-type]
    except (httpx.HTTPError, ValueError) as error:
        raise SignInRefusedError("provider-unreachable") from error
    _key_sets[metadata.jwks_uri] = (time.monotonic(), key_set)
    return key_set


def authorization_url(request: HttpRequest, level: str, next_url: str, language: str) -> str:
    """Where to send the browser to sign in at `level`; remembers state, nonce and PKCE verifier."""
    metadata = provider()
    state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
    pending: dict[str, Any] = dict(request.session.get(PENDING, {}))
    # A few sign-ins may be open in several tabs; older ones are dropped.
    pending = dict(list(pending.items())[-4:])
    pending[state] = {
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
        "level": level,
        "language": language,
        "created": int(time.time()),
    }
    request.session[PENDING] = pending
    query = {
        "response_type": "code",
        "client_id": settings.OIDC_CLIENT_ID,
        "redirect_uri": redirect_uri(),
        "scope": "openid profile",
        "state": state,
        "nonce": nonce,
        "code_challenge": create_s256_code_challenge(verifier),
        "code_challenge_method": "S256",
        "acr_values": " ".join(loa.URIS[lv] for lv in loa.levels_from(level)),
        "ui_locales": language,
    }
    return f"{metadata.authorization_endpoint}?{urlencode(query)}"


def take_pending(request: HttpRequest, state: str) -> dict[str, Any]:
    """The sign-in this callback belongs to; each state is accepted once, within its lifetime."""
    pending: dict[str, Any] = dict(request.session.get(PENDING, {}))
    found = pending.pop(state, None) if state else None
    request.session[PENDING] = pending
    if found is None:
        raise SignInRefusedError("state")
    if time.time() - found["created"] > PENDING_LIFETIME:
        raise SignInRefusedError("state")
    return dict(found)


def _client_authentication(metadata: Provider) -> tuple[dict[str, str], tuple[str, str] | None]:
    """private_key_jwt (NL GOV profile); client_secret_basic only when a secret is configured."""
    if settings.OIDC_CLIENT_SECRET:
        return {}, (settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET)
    key = keys.portal_client_key()
    assertion = private_key_jwt_sign(
        key.as_dict(private=True),
        settings.OIDC_CLIENT_ID,
        metadata.token_endpoint,
        alg=keys.SIGNING_ALG,
        header={"kid": key.kid},
    )
    form = {
        "client_id": settings.OIDC_CLIENT_ID,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion,
    }
    return form, None


def redeem_code(metadata: Provider, code: str, verifier: str) -> dict[str, Any]:
    """Exchange the code at the token endpoint, authenticating the portal as a client."""
    authentication, basic = _client_authentication(metadata)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri(),
        "code_verifier": verifier,
        **authentication,
    }
    try:
        status, body = transport().post_form(metadata.token_endpoint, form, basic)
    except httpx.HTTPError as error:
        raise SignInRefusedError("provider-unreachable") from error
    if status != 200 or "id_token" not in body:
        logger.warning("identity.token_request_refused", extra={"error": body.get("error", status)})
        raise SignInRefusedError("token-request")
    return body


def end_session_url(id_token: str) -> str:
    """The provider's end-session address (RP-initiated logout), or "" when it has none."""
    try:
        metadata = provider()
    except SignInRefusedError:
        return ""
    if not metadata.end_session_endpoint:
        return ""
    query = {
        "id_token_hint": id_token,
        "post_logout_redirect_uri": post_logout_redirect_uri(),
        "client_id": settings.OIDC_CLIENT_ID,
    }
    return f"{metadata.end_session_endpoint}?{urlencode(query)}"
