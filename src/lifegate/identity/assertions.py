# SPDX-License-Identifier: EUPL-1.2
"""The client assertion an agency's system signs to get an access token (pure: no Django, no
IO, so scripts and benches outside Django can import it). Also exported by `services`."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

Signer = Callable[[dict[str, Any], dict[str, Any], RSAKey], str]


def _sign(header: dict[str, Any], claims: dict[str, Any], key: RSAKey) -> str:
    return jwt.encode(header, claims, key)


def client_assertion(
    client_id: str,
    private_key: RSAKey,
    audience: str,
    *,
    lifetime: int = 60,
    sign: Signer = _sign,
    **overrides: Any,
) -> str:
    """A private_key_jwt client assertion (RFC 7523), as an agency's system makes one:
    `iss` = `sub` = `client_id`, `aud` = the token endpoint, a fresh `jti`, RS256 with the
    key's `kid`. `overrides` replace claims (tests of refusals); `sign` replaces the signing
    (a forger of defective tokens).
    """
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "jti": uuid.uuid4().hex,
        "iat": now,
        "exp": now + lifetime,
    }
    claims.update(overrides)
    return sign({"alg": "RS256", "kid": private_key.kid}, claims, private_key)
