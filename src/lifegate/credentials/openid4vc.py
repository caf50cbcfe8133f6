# SPDX-License-Identifier: EUPL-1.2
"""The protocol messages of OpenID4VCI 1.0 and OpenID4VP 1.0 that need cryptography: the
holder's proof of possession, the verifier's signed request object (JAR, RFC 9101), and
the `openid-credential-offer://` and `openid4vp://` links. Pure: no Django, no IO.

>>> key = generate_private_key()
>>> proof = make_proof(key, aud="https://issuer.example", nonce="n1", iat=1000)
>>> verify_proof(proof, aud="https://issuer.example", now=1010).nonce
'n1'
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from lifegate.credentials.encoding import json_dumps
from lifegate.credentials.errors import CredentialError, Refusal, malformed
from lifegate.credentials.keybinding import Freshness
from lifegate.credentials.keys import (
    PrivateKey,
    PublicKey,
    public_jwk,
    public_key_from_jwk,
    sign_jws,
    verify_jws,
)

PROOF_TYP = "openid4vci-proof+jwt"
REQUEST_TYP = "oauth-authz-req+jwt"
OFFER_SCHEME = "openid-credential-offer"
VP_SCHEME = "openid4vp"
PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
REFRESH_TOKEN_GRANT = "refresh_token"  # noqa: S105 - a grant type (RFC 6749 §6), no secret
# The OAuth error for a refusal that passes, such as new copies of a suspended credential
# (RFC 6749 §4.1.2.1 names it; no token or credential endpoint error says "not now"): a
# wallet that knows it keeps its refresh token, one that does not still sees a refusal.
PAUSED_ERROR = "temporarily_unavailable"
# OpenID4VP §8.5: the error a wallet answers with when the holder does not share.
DECLINED = "access_denied"
# OpenID4VP §5.8: a wallet that is not discoverable is addressed with this audience.
SELF_ISSUED_AUD = "https://self-issued.me/v2"
_MAX_LINK = 8 * 1024
_FRESH = Freshness()


@dataclass(frozen=True, slots=True)
class Proof:
    """A checked proof of possession: the key to bind the credential to, and its nonce."""

    holder_jwk: dict[str, str]
    nonce: str


def make_proof(holder_key: PrivateKey, *, aud: str, nonce: str, iat: int) -> str:
    """The wallet's `openid4vci-proof+jwt` for the credential endpoint (OpenID4VCI App. F.1)."""
    header = {"typ": PROOF_TYP, "jwk": public_jwk(holder_key)}
    payload = {"aud": aud, "nonce": nonce, "iat": iat}
    return sign_jws(header, json_dumps(payload).encode("utf-8"), holder_key)


def verify_proof(jwt: str, *, aud: str, now: int, freshness: Freshness = _FRESH) -> Proof:
    """Check a proof JWT; the caller then consumes `nonce` once (it must be one it issued).

    The key comes from the `jwk` header on purpose: a proof of possession proves control of
    exactly that key, which then becomes the credential's `cnf`. It is never a trust anchor.
    """
    holder: list[PublicKey] = []

    def key_in_header(header: Mapping[str, Any], _payload: dict[str, Any]) -> Sequence[PublicKey]:
        holder.append(public_key_from_jwk(dict(header.get("jwk") or {})))
        return holder

    verified = verify_jws(jwt, key_in_header, Refusal.KEY_BINDING_INVALID)
    if verified.header.get("typ") != PROOF_TYP:
        raise CredentialError(Refusal.WRONG_TYPE, f"proof typ must be {PROOF_TYP}")
    claims = verified.payload
    if claims.get("aud") != aud:
        raise CredentialError(Refusal.AUDIENCE_MISMATCH, "proof audience is not this issuer")
    nonce, iat = claims.get("nonce"), claims.get("iat")
    if not isinstance(nonce, str) or not nonce:
        raise CredentialError(Refusal.NONCE_MISMATCH, "proof carries no c_nonce")
    if not isinstance(iat, int) or isinstance(iat, bool):
        raise CredentialError(Refusal.KEY_BINDING_INVALID, "proof iat must be an integer")
    if iat > now + freshness.max_skew or iat < now - freshness.max_age:
        raise CredentialError(Refusal.KEY_BINDING_STALE, "proof is not fresh")
    return Proof(public_jwk(holder[0]), nonce)


def sign_request_object(claims: Mapping[str, Any], key: PrivateKey, *, kid: str) -> str:
    """A signed authorization request (JAR) with `typ: oauth-authz-req+jwt` (RFC 9101 §10.8)."""
    header = {"typ": REQUEST_TYP, "kid": kid}
    return sign_jws(header, json_dumps(dict(claims)).encode("utf-8"), key)


def read_request_object(
    jwt: str, keys: Sequence[PublicKey], *, client_id: str, now: int
) -> dict[str, Any]:
    """Verify a request object from `client_id` with that verifier's registered keys."""
    verified = verify_jws(jwt, lambda _h, _p: keys, Refusal.BAD_SIGNATURE)
    if verified.header.get("typ") != REQUEST_TYP:
        raise CredentialError(Refusal.WRONG_TYPE, f"request object typ must be {REQUEST_TYP}")
    claims = verified.payload
    if claims.get("client_id") != client_id:
        raise CredentialError(Refusal.AUDIENCE_MISMATCH, "request object is for another client")
    exp = claims.get("exp")
    if not isinstance(exp, int) or isinstance(exp, bool) or exp <= now:
        raise CredentialError(Refusal.EXPIRED, "the request has expired")
    for name in ("nonce", "state", "response_uri"):
        if not isinstance(claims.get(name), str):
            raise malformed(f"request object needs {name}")
    if claims.get("response_mode") != "direct_post" or not isinstance(
        claims.get("dcql_query"), dict
    ):
        raise malformed("only response_mode direct_post with a dcql_query is supported")
    return claims


def _query_of(link: str, scheme: str) -> dict[str, str]:
    if not isinstance(link, str) or len(link) > _MAX_LINK:
        raise malformed("a link is a string of at most 8 KiB")
    parts = urlsplit(link)
    if parts.scheme not in (scheme, "https", "http"):
        raise malformed(f"expected an {scheme}:// link")
    query = parse_qs(parts.query, max_num_fields=8)
    if any(len(v) != 1 for v in query.values()):
        raise malformed("each link parameter appears once")
    return {k: v[0] for k, v in query.items()}


def offer_link(offer: Mapping[str, Any]) -> str:
    """`openid-credential-offer://?credential_offer=…`: the offer by value (OpenID4VCI §4.1)."""
    return f"{OFFER_SCHEME}://?" + urlencode(
        {"credential_offer": json.dumps(offer, separators=(",", ":"))}, quote_via=quote
    )


def parse_offer_link(link: str) -> dict[str, Any]:
    """The credential offer in a link; `credential_offer_uri` is left to the caller to fetch."""
    query = _query_of(link.strip(), OFFER_SCHEME)
    if "credential_offer" not in query:
        raise malformed("the link holds no credential_offer")
    try:
        offer = json.loads(query["credential_offer"])
    except ValueError as exc:
        raise malformed("credential_offer is not JSON") from exc
    grant = (
        (offer.get("grants") or {}).get(PRE_AUTHORIZED_GRANT) if isinstance(offer, dict) else None
    )
    if not isinstance(grant, dict) or not isinstance(grant.get("pre-authorized_code"), str):
        raise malformed("only pre-authorised code offers are supported")
    if not isinstance(offer.get("credential_issuer"), str):
        raise malformed("the offer names no credential_issuer")
    return dict(offer)


def presentation_link(client_id: str, request_uri: str) -> str:
    """`openid4vp://?client_id=…&request_uri=…`: the request passed by reference."""
    return f"{VP_SCHEME}://?" + urlencode(
        {"client_id": client_id, "request_uri": request_uri}, quote_via=quote
    )


def parse_presentation_link(link: str) -> tuple[str, str]:
    """(client_id, request_uri) of an `openid4vp://` link."""
    query = _query_of(link.strip(), VP_SCHEME)
    client_id, request_uri = query.get("client_id"), query.get("request_uri")
    if not client_id or not request_uri:
        raise malformed("the link needs client_id and request_uri")
    if urlsplit(request_uri).scheme not in ("https", "http"):
        raise malformed("request_uri must be an http(s) address")
    return client_id, request_uri
