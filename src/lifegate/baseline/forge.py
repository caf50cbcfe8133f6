# SPDX-License-Identifier: EUPL-1.2
"""Forged JWTs for the token negative suite: each defect a verifier must refuse. Pure."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

Key = RSAKey | ECKey

VALID = "valid"
DEFECTS = ("expired", "wrong-audience", "wrong-issuer", "alg-none", "wrong-key", "tampered")
ELSEWHERE = "https://elsewhere.invalid"


def _b64(data: Mapping[str, Any]) -> str:
    raw = json.dumps(dict(data), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def fresh_key_like(key: Key) -> Key:
    if isinstance(key, ECKey):
        return ECKey.generate_key("P-256", auto_kid=True)
    return RSAKey.generate_key(2048, auto_kid=True)


def _claims_with(defect: str, claims: dict[str, Any], issuer_claim: str) -> dict[str, Any]:
    changed = dict(claims)
    now = int(time.time())
    if defect == "expired":
        changed.update(iat=now - 7200, exp=now - 3600)
    elif defect == "wrong-audience":
        changed["aud"] = ELSEWHERE
    elif defect == "wrong-issuer":
        changed[issuer_claim] = ELSEWHERE
    return changed


def forge(
    defect: str,
    header: dict[str, Any],
    claims: dict[str, Any],
    key: Key,
    issuer_claim: str = "iss",
) -> str:
    """A token with `defect` (or VALID): `header` must name its `alg`."""
    payload = _claims_with(defect, claims, issuer_claim)
    if defect == "alg-none":
        return f"{_b64({**header, 'alg': 'none'})}.{_b64(payload)}."
    signer = fresh_key_like(key) if defect == "wrong-key" else key
    token = jwt.encode(header, payload, signer, algorithms=[header["alg"]])
    if defect == "tampered":
        signed_header, _, signature = token.split(".")
        altered = {**payload, "tampered": True}
        return f"{signed_header}.{_b64(altered)}.{signature}"
    return token
