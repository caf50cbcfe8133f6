# SPDX-License-Identifier: EUPL-1.2
"""Checking an ID token (OIDC Core 3.1.3.7) before anyone is signed in with it."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from joserfc import jws, jwt
from joserfc.errors import (
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet
from joserfc.util import to_bytes

from lifegate.identity import loa, rp

logger = logging.getLogger(__name__)

# Asymmetric algorithms only: never "none", never an HMAC keyed with something public.
ALLOWED_ALGORITHMS = ("RS256", "PS256", "ES256")
_CLAIM_REASONS = {"iss": "issuer", "aud": "audience", "nonce": "nonce", "exp": "expired"}


def _refuse(reason: str) -> rp.SignInRefusedError:
    logger.warning("identity.id_token_refused", extra={"reason": reason})
    return rp.SignInRefusedError(reason)


def _header(id_token: str) -> dict[str, Any]:
    try:
        header: dict[str, Any] = jws.extract_compact(to_bytes(id_token)).headers()
    except (JoseError, ValueError) as error:
        raise _refuse("malformed") from error
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise _refuse("algorithm")
    return header


def _verified_claims(id_token: str, metadata: rp.Provider) -> dict[str, Any]:
    header = _header(id_token)
    key_set = rp.provider_keys(metadata)
    if header.get("kid") and not _has_kid(key_set, str(header["kid"])):
        key_set = rp.provider_keys(metadata, refresh=True)  # the provider rotated its keys
    try:
        token = jwt.decode(id_token, key_set, algorithms=list(ALLOWED_ALGORITHMS))
    except (JoseError, ValueError) as error:
        raise _refuse("signature") from error
    return dict(token.claims)


def _has_kid(key_set: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in key_set.keys)


def _check_claims(claims: dict[str, Any], metadata: rp.Provider, nonce: str) -> None:
    registry = jwt.JWTClaimsRegistry(
        leeway=60,
        iss={"essential": True, "value": metadata.issuer},
        aud={"essential": True, "value": settings.OIDC_CLIENT_ID},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(claims)
    except ExpiredTokenError as error:
        raise _refuse("expired") from error
    except (InvalidClaimError, MissingClaimError) as error:
        raise _refuse(_CLAIM_REASONS.get(error.claim, "claims")) from error
    except JoseError as error:
        raise _refuse("claims") from error
    audience = claims["aud"]
    if (
        isinstance(audience, list)
        and len(audience) > 1
        and claims.get("azp") != settings.OIDC_CLIENT_ID
    ):
        raise _refuse("audience")


def validate(
    id_token: str, metadata: rp.Provider, nonce: str, minimum_level: str
) -> dict[str, Any]:
    """The claims of a valid ID token, or `SignInRefusedError` with the reason."""
    claims = _verified_claims(id_token, metadata)
    _check_claims(claims, metadata, nonce)
    level = loa.level_of(str(claims.get("acr", "")))
    if level is None:
        raise _refuse("acr")
    if not loa.at_least(level, minimum_level):
        raise _refuse("loa-too-low")
    claims["loa"] = level
    return claims
