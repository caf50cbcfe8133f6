# SPDX-License-Identifier: EUPL-1.2
"""ES256 keys, JWKs and compact JWS.

Signing goes through joserfc. Verification is pinned to ES256 and calls `cryptography`
directly: the algorithm is decided by us, never by the token header, so `none`, HMAC
and every other algorithm are refused before a key is touched, and a `jwk`, `jku` or
`x5c` header never supplies a key. joserfc's generic path (registry, key guessing) costs
about a quarter of an ES256 verify, which is most of the budget a presentation has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc import jws
from joserfc.jwk import ECKey

from lifegate.credentials.encoding import b64url_decode, b64url_encode, json_object_b64
from lifegate.credentials.errors import CredentialError, Refusal, malformed

ALG = "ES256"
_COORD = 32
_ECDSA = ec.ECDSA(hashes.SHA256())
_CURVE = ec.SECP256R1()
_MEMO_HEADER = 512  # only short headers are memoised, so the memo stays a few KiB
# Extensions we do not implement; RFC 7515 says a recipient must then refuse the token.
# Key-carrying headers (`jwk`, `jku`, `x5c`) are not refused but never consulted: keys
# come only from the caller's trusted list or the credential's `cnf`.
_UNSUPPORTED_HEADERS = frozenset({"crit", "b64"})

PublicKey = ec.EllipticCurvePublicKey
PrivateKey = ec.EllipticCurvePrivateKey


# Records made once per token are plain slotted dataclasses: a frozen dataclass's __init__
# sets each field through object.__setattr__, about 1.3 µs more per record, and a
# presentation makes a dozen of them against a budget of a few tens of µs.
@dataclass(slots=True)
class VerifiedJws:
    header: Mapping[str, Any]
    payload: dict[str, Any]
    key: PublicKey  # the key that verified it


def generate_private_key() -> PrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def public_jwk(key: PrivateKey | PublicKey) -> dict[str, str]:
    """The public JWK of a P-256 key: `kty`, `crv`, `x`, `y` only."""
    public = key.public_key() if isinstance(key, ec.EllipticCurvePrivateKey) else key
    numbers = public.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url_encode(numbers.x.to_bytes(_COORD, "big")),
        "y": b64url_encode(numbers.y.to_bytes(_COORD, "big")),
    }


def public_key_from_jwk(jwk: object) -> PublicKey:
    """Import a public P-256 JWK; private members are refused so a JWK never leaks `d`."""
    if not isinstance(jwk, dict) or jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise CredentialError(Refusal.MISSING_HOLDER_KEY, "holder key is not a P-256 JWK")
    if "d" in jwk:
        raise CredentialError(Refusal.MISSING_HOLDER_KEY, "holder JWK contains a private key")
    x, y = jwk.get("x"), jwk.get("y")
    if not isinstance(x, str) or not isinstance(y, str):
        raise CredentialError(Refusal.MISSING_HOLDER_KEY, "holder JWK lacks coordinates")
    xb, yb = b64url_decode(x), b64url_decode(y)
    if len(xb) != _COORD or len(yb) != _COORD:
        raise CredentialError(Refusal.MISSING_HOLDER_KEY, "holder JWK coordinates have wrong size")
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(_CURVE, b"\x04" + xb + yb)
    except ValueError as exc:
        raise CredentialError(Refusal.MISSING_HOLDER_KEY, "holder key not on P-256") from exc


def sign_jws(header: dict[str, Any], payload: bytes, key: PrivateKey) -> str:
    """Compact ES256 JWS; `alg` is always set here, never taken from the caller's header."""
    protected = {**header, "alg": ALG}
    return jws.serialize_compact(protected, payload, ECKey.import_key(key), algorithms=[ALG])


def _read_header(segment: str) -> Mapping[str, Any]:
    header = json_object_b64(segment)
    if header.get("alg") != ALG:
        raise CredentialError(Refusal.UNSUPPORTED_ALGORITHM, f"alg must be {ALG}")
    if not _UNSUPPORTED_HEADERS.isdisjoint(header):
        raise malformed("header uses an unsupported extension")
    return MappingProxyType(header)


@lru_cache(maxsize=256)
def _header(segment: str) -> Mapping[str, Any]:
    # Header segments repeat across tokens (one per issuer key, one per wallet), and
    # decoding and checking are a pure function of the text, so both are memoised (a
    # refused header raises and is not memoised); read-only by design.
    return _read_header(segment)


def _checked_header(segment: str) -> Mapping[str, Any]:
    """The header, refused unless `alg` is ES256 and it uses no unsupported extension."""
    return _header(segment) if len(segment) <= _MEMO_HEADER else _read_header(segment)


def read_header(token: str) -> Mapping[str, Any]:
    """The protected header, checked for algorithm and unsupported extensions, unverified."""
    parts = token.split(".")
    if len(parts) != 3:
        raise malformed("a JWS has three parts")
    return _checked_header(parts[0])


def der_signature(raw: bytes) -> bytes:
    """The DER `ECDSA-Sig-Value` of a JWS `r || s` signature (64 bytes, checked by caller).

    Same bytes as `encode_dss_signature(r, s)`, built without two big integers.
    """
    r = raw[:_COORD].lstrip(b"\0") or b"\0"
    s = raw[_COORD:].lstrip(b"\0") or b"\0"
    if r[0] & 0x80:
        r = b"\0" + r
    if s[0] & 0x80:
        s = b"\0" + s
    return bytes((0x30, len(r) + len(s) + 4, 2, len(r))) + r + bytes((2, len(s))) + s


KeyResolver = Callable[[Mapping[str, Any], dict[str, Any]], Sequence[PublicKey]]


def verify_jws(token: str, keys_for: KeyResolver, refusal: Refusal) -> VerifiedJws:
    """Verify a compact ES256 JWS against the keys `keys_for(header, payload)` names.

    The payload is parsed before verification only so the resolver can read `iss` or
    `cnf`; nothing from it is returned unless a key verifies. `refusal` names the failure.
    Each part is decoded once; the signing input is the token's own text up to the last dot.
    """
    parts = token.split(".")
    if len(parts) != 3:
        raise malformed("a JWS has three parts")
    head, body, signature = parts
    header = _header(head) if len(head) <= _MEMO_HEADER else _read_header(head)
    payload = json_object_b64(body)
    keys = keys_for(header, payload)
    raw = b64url_decode(signature)
    if len(raw) != 2 * _COORD:
        raise CredentialError(refusal, "ES256 signature must be 64 bytes")
    der = der_signature(raw)
    # head and body decoded as base64url above, so they are ASCII.
    data = token[: len(head) + len(body) + 1].encode("ascii")
    for key in keys:
        try:
            key.verify(der, data, _ECDSA)
        except InvalidSignature:
            continue
        return VerifiedJws(header, payload, key)
    raise CredentialError(refusal, "signature does not verify")
