# SPDX-License-Identifier: EUPL-1.2
"""Key-binding JWTs (RFC 9901 §4.3): the holder proves possession of the `cnf` key for one
presentation, one verifier (`aud`) and one request (`nonce`), at one moment (`iat`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lifegate.credentials.disclosures import digest_of
from lifegate.credentials.encoding import json_dumps
from lifegate.credentials.errors import CredentialError, Refusal
from lifegate.credentials.keys import PrivateKey, PublicKey, sign_jws, verify_jws
from lifegate.credentials.sdjwt import SdJwt

KB_TYP = "kb+jwt"


@dataclass(frozen=True, slots=True)
class Freshness:
    """How old a KB-JWT may be, and how far ahead of our clock a holder's clock may run."""

    max_age: int = 300
    max_skew: int = 60


def bind(presentation: SdJwt, holder_key: PrivateKey, *, nonce: str, aud: str, iat: int) -> SdJwt:
    """Attach a KB-JWT whose `sd_hash` covers exactly the disclosures in `presentation`."""
    payload = {
        "iat": iat,
        "aud": aud,
        "nonce": nonce,
        "sd_hash": digest_of(presentation.without_key_binding),
    }
    kb_jwt = sign_jws({"typ": KB_TYP}, json_dumps(payload).encode("utf-8"), holder_key)
    return replace(presentation, kb_jwt=kb_jwt)


def verify_key_binding(
    presentation: SdJwt,
    holder: PublicKey,
    *,
    nonce: str,
    aud: str,
    now: int,
    freshness: Freshness = Freshness(),
) -> dict[str, Any]:
    """Check the KB-JWT of `presentation` against the holder key; returns its payload."""
    if presentation.kb_jwt is None:
        raise CredentialError(Refusal.KEY_BINDING_MISSING, "the presentation has no KB-JWT")
    return check_key_binding(
        presentation.kb_jwt,
        holder,
        presented=presentation.without_key_binding,
        nonce=nonce,
        aud=aud,
        now=now,
        freshness=freshness,
    )


def check_key_binding(
    kb_jwt: str,
    holder: PublicKey,
    *,
    presented: str,
    nonce: str,
    aud: str,
    now: int,
    freshness: Freshness,
) -> dict[str, Any]:
    """Check `kb_jwt` for the presentation text `presented` (`<JWT>~<D1>~…~`) it came with."""
    if not kb_jwt:
        raise CredentialError(Refusal.KEY_BINDING_MISSING, "the presentation has no KB-JWT")
    verified = verify_jws(kb_jwt, lambda _h, _p: (holder,), Refusal.KEY_BINDING_INVALID)
    if verified.header.get("typ") != KB_TYP:
        raise CredentialError(Refusal.WRONG_TYPE, f"KB-JWT typ must be {KB_TYP}")
    claims = verified.payload
    if claims.get("sd_hash") != digest_of(presented):
        raise CredentialError(Refusal.SD_HASH_MISMATCH, "sd_hash does not cover this presentation")
    if claims.get("nonce") != nonce:
        raise CredentialError(Refusal.NONCE_MISMATCH, "KB-JWT nonce is not this request's")
    if claims.get("aud") != aud:
        raise CredentialError(Refusal.AUDIENCE_MISMATCH, "KB-JWT audience is not this verifier")
    iat = claims.get("iat")
    if not isinstance(iat, int) or isinstance(iat, bool):
        raise CredentialError(Refusal.KEY_BINDING_INVALID, "KB-JWT iat must be an integer")
    if iat > now + freshness.max_skew or iat < now - freshness.max_age:
        raise CredentialError(Refusal.KEY_BINDING_STALE, "KB-JWT is not fresh")
    return claims
