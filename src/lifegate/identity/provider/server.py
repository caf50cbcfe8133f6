# SPDX-License-Identifier: EUPL-1.2
"""The OAuth 2.0 / OpenID Connect server, built from authlib's grants.

Two servers share the tables: the demo eID provider (authorization code + PKCE S256 + nonce,
for relying parties) and the platform's token endpoint for agencies (client credentials).
Both authenticate clients only with `private_key_jwt` (RFC 7523), as the NL GOV profile asks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from authlib.integrations.django_oauth2 import AuthorizationServer  # type: ignore[import-untyped]
from authlib.integrations.django_oauth2.requests import DjangoOAuth2Payload, DjangoOAuth2Request  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Request, grants  # type: ignore[import-untyped]
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion  # type: ignore[import-untyped]
from authlib.oauth2.rfc7636 import CodeChallenge  # type: ignore[import-untyped]
from authlib.oidc.core import UserInfo  # type: ignore[import-untyped]
from authlib.oidc.core.grants import OpenIDCode  # type: ignore[import-untyped]
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from joserfc.jwk import KeySet

from lifegate.identity import keys, models

CODE_LIFETIME = dt.timedelta(minutes=2)
ID_TOKEN_LIFETIME = 600


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def demo_issuer() -> str:
    return f"{settings.PUBLIC_URL}/demo-eid"


def agency_token_url() -> str:
    return f"{settings.PUBLIC_URL}/oauth2/token"


@dataclass(frozen=True)
class DemoUser:
    """The persona who signed in at the demo provider, as the claims the provider asserts."""

    claims: dict[str, Any] = field(default_factory=dict)


class PrivateKeyJwt(JWTBearerClientAssertion):  # type: ignore[misc]
    CLIENT_AUTH_METHOD = "private_key_jwt"

    def __init__(self, audiences: tuple[str, ...]) -> None:
        super().__init__(validate_jti=True, leeway=30)
        self._audiences = audiences

    def get_audiences(self) -> list[str]:
        return [settings.PUBLIC_URL + path for path in self._audiences]

    def validate_jti(self, claims: dict[str, Any], jti: str) -> bool:
        expires = dt.datetime.fromtimestamp(int(claims["exp"]), tz=dt.UTC)
        try:
            with transaction.atomic():
                models.UsedAssertion.objects.create(
                    jti_digest=digest(f"{claims['sub']}:{jti}"), expires_at=expires
                )
        except IntegrityError:
            return False  # the same assertion again: a replay
        return True

    def resolve_client_public_key(self, client: models.Client) -> KeySet:
        return KeySet.import_key_set(client.jwks)


class S256Only(CodeChallenge):  # type: ignore[misc]
    """PKCE is required of every client, and only with S256 (NL GOV profile)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method=S256 is required.")
        super().validate_code_challenge(grant, redirect_uri)


class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["private_key_jwt"]

    def save_authorization_code(self, code: str, request: Any) -> None:
        user: DemoUser = request.user
        data = request.payload.data
        models.AuthorizationCode.objects.create(
            code_digest=digest(code),
            client=request.client,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope or "",
            nonce=data.get("nonce", ""),
            code_challenge=data["code_challenge"],
            code_challenge_method=data["code_challenge_method"],
            acr=user.claims["acr"],
            auth_time=int(time.time()),
            claims=user.claims,
            expires_at=timezone.now() + CODE_LIFETIME,
        )

    def query_authorization_code(
        self, code: str, client: models.Client
    ) -> models.AuthorizationCode | None:
        return models.AuthorizationCode.objects.filter(
            code_digest=digest(code), client=client, used_at=None, expires_at__gt=timezone.now()
        ).first()

    def delete_authorization_code(self, authorization_code: models.AuthorizationCode) -> None:
        # Kept as used rather than deleted: a second use is then recognised (and refused).
        authorization_code.used_at = timezone.now()
        authorization_code.save(update_fields=["used_at"])

    def authenticate_user(self, authorization_code: models.AuthorizationCode) -> DemoUser:
        return DemoUser(claims=dict(authorization_code.claims))


class DemoOpenIDCode(OpenIDCode):  # type: ignore[misc]
    def resolve_client_private_key(self, client: models.Client) -> Any:
        return keys.provider_signing_key()

    def get_client_algorithm(self, client: models.Client) -> str:
        return keys.SIGNING_ALG

    def get_encode_header(self, client: models.Client) -> dict[str, Any]:
        return {"alg": keys.SIGNING_ALG, "kid": keys.provider_signing_key().kid, "typ": "JWT"}

    def get_client_claims(self, client: models.Client) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": demo_issuer(),
            "aud": [client.client_id],
            "iat": now,
            "exp": now + ID_TOKEN_LIFETIME,
        }

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        client_id = request.payload.client_id
        return models.AuthorizationCode.objects.filter(
            client__client_id=client_id, nonce=nonce
        ).exists()

    def generate_user_info(self, user: DemoUser, scope: str) -> UserInfo:
        return UserInfo(user.claims)


class AgencyGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["private_key_jwt"]


class PublicAddressRequest(DjangoOAuth2Request):  # type: ignore[misc]
    """The request at the public address, not the Host header: behind a TLS-terminating proxy
    a request looks like plain HTTP, and authlib accepts OAuth only over HTTPS or loopback."""

    def __init__(self, request: Any) -> None:
        OAuth2Request.__init__(
            self,
            method=request.method,
            uri=settings.PUBLIC_URL + request.get_full_path(),
            headers=request.headers,
        )
        self.payload = DjangoOAuth2Payload(request)
        self._request = request


class _Server(AuthorizationServer):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(models.Client, models.AccessToken)

    def load_config(self, config: dict[str, Any]) -> None:
        lifetimes = {"authorization_code": 600, "client_credentials": 3600}
        super().load_config({**config, "token_expires_in": lifetimes})

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        if isinstance(request, OAuth2Request):
            return request
        return PublicAddressRequest(request)

    def save_token(self, token: dict[str, Any], request: Any) -> models.AccessToken:
        client: models.Client = request.client
        user: DemoUser | None = request.user
        return models.AccessToken.objects.create(
            token_digest=digest(token["access_token"]),
            client=client,
            organisation_id=client.organisation_id if client.kind == client.AGENCY else "",
            scope=token.get("scope") or "",
            claims=user.claims if user else {},
            expires_at=timezone.now() + dt.timedelta(seconds=int(token["expires_in"])),
        )


@cache
def demo_eid_server() -> _Server:
    server = _Server()
    server.register_client_auth_method(
        PrivateKeyJwt.CLIENT_AUTH_METHOD, PrivateKeyJwt(("/demo-eid/token", "/demo-eid"))
    )
    server.register_grant(CodeGrant, [DemoOpenIDCode(require_nonce=True), S256Only(required=True)])
    return server


@cache
def agency_server() -> _Server:
    server = _Server()
    server.register_client_auth_method(
        PrivateKeyJwt.CLIENT_AUTH_METHOD, PrivateKeyJwt(("/oauth2/token",))
    )
    server.register_grant(AgencyGrant)
    return server
