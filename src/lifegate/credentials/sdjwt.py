# SPDX-License-Identifier: EUPL-1.2
"""SD-JWT (RFC 9901): issue with selectively disclosable claims, parse, and present.

A claim value wrapped in `Sd` becomes selectively disclosable: as an object property it
turns into a digest in the object's `_sd` array, as an array element into `{"...": digest}`.
Sd values may nest, giving recursive disclosures.

>>> from lifegate.credentials.keys import generate_private_key
>>> token = issue_sd_jwt({"iss": "https://duo.example", "degree": Sd("MSc")},
...                      generate_private_key(), typ="dc+sd-jwt")
>>> [d.name for d in token.disclosures]
['degree']
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from lifegate.credentials.disclosures import (
    ARRAY_KEY,
    RESERVED_NAMES,
    SD_ALG,
    SD_ALG_KEY,
    SD_KEY,
    ClaimPath,
    Disclosure,
    decoy_digest,
    new_salt,
    reconstruct,
)
from lifegate.credentials.encoding import json_dumps, json_object_b64
from lifegate.credentials.errors import malformed
from lifegate.credentials.keys import PrivateKey, sign_jws

SEPARATOR = "~"
# Bounds that keep parsing linear and small; real credentials are a few kilobytes.
MAX_LENGTH = 256 * 1024
MAX_DISCLOSURES = 1024
MAX_DECOYS = 3

QueryPath = tuple[str | int | None, ...]


@dataclass(frozen=True, slots=True)
class Sd:
    """Marks a claim value (or array element) as selectively disclosable."""

    value: Any


@dataclass(frozen=True, slots=True)
class SdJwt:
    """An issuer-signed JWT with disclosures and, in a presentation, a key-binding JWT."""

    jwt: str
    disclosures: tuple[Disclosure, ...]
    kb_jwt: str | None = None

    @property
    def without_key_binding(self) -> str:
        """`<JWT>~<D1>~…~`: what a KB-JWT's `sd_hash` is computed over."""
        parts = [self.jwt, *(d.encoded for d in self.disclosures)]
        return SEPARATOR.join(parts) + SEPARATOR

    def serialize(self) -> str:
        return self.without_key_binding + (self.kb_jwt or "")

    def unverified_payload(self) -> dict[str, Any]:
        """The issuer payload without checking the signature: for holders, never verifiers."""
        parts = self.jwt.split(".")
        if len(parts) != 3:
            raise malformed("a JWS has three parts")
        return json_object_b64(parts[1])


class _Concealer:
    """Builds an SD-JWT payload from claims with `Sd` markers; salts are never reused."""

    def __init__(self, decoys: bool) -> None:
        self.decoys = decoys
        self.disclosures: list[Disclosure] = []
        self.salts: set[str] = set()

    def disclose(self, name: str | None, value: Any) -> str:
        salt = new_salt()
        while salt in self.salts:  # 2^-128 odds, but "never repeated" is a promise we keep
            salt = new_salt()
        self.salts.add(salt)
        disclosure = Disclosure.create(name, self.value(value.value), salt)
        self.disclosures.append(disclosure)
        return disclosure.digest

    def value(self, value: Any) -> Any:
        if isinstance(value, Mapping):
            return self.object(value)
        if isinstance(value, list | tuple):
            return [
                {ARRAY_KEY: self.disclose(None, v)} if isinstance(v, Sd) else self.value(v)
                for v in value
            ]
        if isinstance(value, Sd):
            raise ValueError("Sd marks object properties and array elements only")
        return value

    def object(self, obj: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        digests: list[str] = []
        for name, value in obj.items():
            if name in RESERVED_NAMES:
                raise ValueError(f"{name!r} is reserved by SD-JWT")
            if isinstance(value, Sd):
                digests.append(self.disclose(name, value))
            else:
                out[name] = self.value(value)
        if digests and self.decoys:
            digests.extend(decoy_digest() for _ in range(1 + secrets.randbelow(MAX_DECOYS)))
        if digests:
            # Sorting hides the order in which claims were written (RFC 9901 §4.2.4.1).
            out[SD_KEY] = sorted(digests)
        return out


def issue_sd_jwt(
    claims: Mapping[str, Any],
    issuer_key: PrivateKey,
    *,
    typ: str,
    decoys: bool = True,
    header: Mapping[str, Any] | None = None,
) -> SdJwt:
    """Sign `claims` (with `Sd` markers) as an SD-JWT; `_sd_alg` is always sha-256."""
    concealer = _Concealer(decoys)
    payload = concealer.object(claims)
    payload[SD_ALG_KEY] = SD_ALG
    jwt = sign_jws({**(header or {}), "typ": typ}, json_dumps(payload).encode("utf-8"), issuer_key)
    return SdJwt(jwt, tuple(concealer.disclosures))


def split_sd_jwt(text: str) -> tuple[str, tuple[Disclosure, ...], str]:
    """The parts of `<JWT>~<D1>~…~<KB-JWT or empty>`: JWT, parsed disclosures, KB-JWT text.

    Everything before the KB-JWT, `text[: len(text) - len(kb)]`, is the presentation
    its `sd_hash` covers. Raises CredentialError(MALFORMED) on a bad shape.
    """
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise malformed("an SD-JWT is a string of at most 256 KiB")
    parts = text.split(SEPARATOR)
    if len(parts) < 2 or len(parts) > MAX_DISCLOSURES + 2:
        raise malformed("an SD-JWT has a JWT, disclosures and a key-binding slot")
    jwt, *encoded, kb = parts
    if not jwt or not all(encoded):
        raise malformed("empty JWT or disclosure")
    if kb and kb.count(".") != 2:
        raise malformed("the key-binding JWT is not a compact JWS")
    return jwt, tuple(map(Disclosure.parse, encoded)), kb


def parse_sd_jwt(text: str) -> SdJwt:
    """Split `<JWT>~<D1>~…~<KB-JWT or empty>`; raises CredentialError(MALFORMED) on bad shape."""
    jwt, disclosures, kb = split_sd_jwt(text)
    return SdJwt(jwt, disclosures, kb or None)


def _covers(disclosed: ClaimPath, wanted: QueryPath) -> bool:
    """True when one path is a prefix of the other: ancestors and descendants go along."""
    # zip stops at the shorter path on purpose: a prefix match is what we want.
    pairs = zip(disclosed, wanted, strict=False)
    return all((w is None and isinstance(d, int)) or w == d for d, w in pairs)


def disclosure_paths(sd_jwt: SdJwt) -> dict[str, ClaimPath]:
    """Where each of the holder's disclosures sits in the claims (digest → path)."""
    return reconstruct(sd_jwt.unverified_payload(), sd_jwt.disclosures).paths


def present(sd_jwt: SdJwt, paths: Iterable[QueryPath]) -> SdJwt:
    """Keep only the disclosures needed to reveal `paths` (None in a path: every element)."""
    wanted = list(paths)
    where = disclosure_paths(sd_jwt)
    chosen = tuple(
        d for d in sd_jwt.disclosures if any(_covers(where[d.digest], w) for w in wanted)
    )
    return replace(sd_jwt, disclosures=chosen, kb_jwt=None)
