# SPDX-License-Identifier: EUPL-1.2
"""SD-JWT disclosures (RFC 9901 §4.2) and the processing that turns digests back into claims.

`reconstruct` is where most forgeries die: RFC 9901 §7.1 asks a verifier to refuse a
disclosure that no digest references, a digest that appears twice, a claim name that is
reserved or already present, and a disclosure of the wrong shape for where it is used.
Digests without a disclosure are fine: they are decoys or claims the holder withheld.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

import pybase64

from lifegate.credentials.encoding import (
    MAX_DEPTH,
    b64url_decode,
    b64url_encode,
    json_dumps,
    json_loads,
)
from lifegate.credentials.errors import CredentialError, Refusal, malformed

SD_KEY = "_sd"
ARRAY_KEY = "..."
SD_ALG_KEY = "_sd_alg"
SD_ALG = "sha-256"
RESERVED_NAMES = frozenset({SD_KEY, ARRAY_KEY})
SALT_BYTES = 16  # 128 bits, the minimum RFC 9901 §9.3 recommends

ClaimPath = tuple[str | int, ...]
_CONTAINERS = (dict, list)


_sha256 = hashlib.sha256
_b64encode = pybase64.b64encode_as_string


def digest_of(text: str) -> str:
    """base64url(SHA-256(ASCII text)), the digest of a disclosure or presentation."""
    # 32 bytes encode to 43 characters and one `=`, dropped by the slice.
    return _b64encode(_sha256(text.encode("ascii")).digest(), b"-_")[:43]


def new_salt() -> str:
    return b64url_encode(secrets.token_bytes(SALT_BYTES))


def decoy_digest() -> str:
    """A digest of random bytes: indistinguishable from a real one, matches no disclosure."""
    return digest_of(new_salt())


def _invalid(message: str) -> CredentialError:
    return CredentialError(Refusal.INVALID_DISCLOSURE, message)


@dataclass(frozen=True, slots=True)
class Disclosure:
    """One disclosed claim: `name` is None for an array element."""

    encoded: str
    salt: str
    name: str | None
    value: Any
    digest: str = field(compare=False)

    @classmethod
    def create(cls, name: str | None, value: Any, salt: str | None = None) -> Disclosure:
        if name in RESERVED_NAMES:
            raise _invalid(f"{name!r} cannot be a claim name")
        salt = salt or new_salt()
        items = [salt, value] if name is None else [salt, name, value]
        encoded = b64url_encode(json_dumps(items).encode("utf-8"))
        return cls(encoded, salt, name, value, digest_of(encoded))

    @classmethod
    def parse(cls, encoded: str) -> Disclosure:
        items = json_loads(b64url_decode(encoded))
        size = len(items) if type(items) is list else 0
        if size == 3:
            salt, name, value = items
            if type(name) is not str:
                raise malformed("a disclosure claim name is a string")
            if name in RESERVED_NAMES:
                raise _invalid(f"{name!r} cannot be a claim name")
        elif size == 2:
            salt, value = items
            name = None
        else:
            raise malformed("a disclosure is a JSON array of 2 or 3 elements")
        if type(salt) is not str:
            raise malformed("a disclosure salt is a string")
        return cls(encoded, salt, name, value, digest_of(encoded))


# A claim's position during the walk, as (parent, step) pairs: cheaper to extend than a
# tuple and flattened only for the few positions that hold a disclosure.
_Trail = tuple[Any, str | int] | tuple[()]


def _flatten(trail: _Trail) -> ClaimPath:
    steps: list[str | int] = []
    while trail:
        trail, step = trail
        steps.append(step)
    return tuple(reversed(steps))


class _Reconstruction:
    __slots__ = ("by_digest", "paths", "seen")

    def __init__(self, by_digest: dict[str, Disclosure]) -> None:
        self.by_digest = by_digest
        self.seen: set[str] = set()
        self.paths: dict[str, ClaimPath] = {}

    def value(self, value: Any, trail: _Trail, depth: int) -> Any:
        if type(value) is dict:
            return self.walk_object(value, trail, depth + 1)
        if type(value) is list:
            return self.walk_array(value, trail, depth + 1)
        return value

    def take(self, digest: object) -> Disclosure | None:
        if not isinstance(digest, str):
            raise malformed("a digest is a string")
        if digest in self.seen:
            raise _invalid("a digest appears more than once")
        self.seen.add(digest)
        return self.by_digest.get(digest)

    def walk_object(self, obj: dict[str, Any], trail: _Trail, depth: int) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            raise malformed("claims nested too deeply")
        # A C-level copy, then only the nested containers replaced: most members are
        # scalars, and rewriting an existing key keeps its place in the order. Containers
        # are dispatched here rather than through `value`: one call less per container.
        out = obj.copy()
        digests = out.pop(SD_KEY, None)
        for k, v in out.items():
            kind = type(v)
            if kind is dict:
                out[k] = self.walk_object(v, (trail, k), depth + 1)
            elif kind is list:
                out[k] = self.walk_array(v, (trail, k), depth + 1)
        if digests is None:
            return out
        # Set operations keep the per-digest work in C: decoys are most of the digests.
        for digest in self.take_all(digests):
            disclosure = self.by_digest[digest]
            name = disclosure.name
            if name is None:
                raise _invalid("an array-element disclosure is referenced from _sd")
            if name in out:
                raise _invalid(f"claim {name!r} is disclosed twice")
            here = (trail, name)
            self.paths[digest] = _flatten(here)
            out[name] = self.value(disclosure.value, here, depth)
        return out

    def take_all(self, digests: Any) -> list[str]:
        """Record an `_sd` array's digests; return those that have a disclosure, sorted."""
        if type(digests) is not list:
            raise malformed("_sd is an array of digests")
        try:
            unique: set[Any] = set(digests)
        except TypeError as exc:
            raise malformed("_sd holds digest strings") from exc
        if len(unique) != len(digests) or not self.seen.isdisjoint(unique):
            raise _invalid("a digest appears more than once")
        self.seen |= unique
        return sorted(unique.intersection(self.by_digest))

    def walk_array(self, items: list[Any], trail: _Trail, depth: int) -> list[Any]:
        if depth > MAX_DEPTH:
            raise malformed("claims nested too deeply")
        out: list[Any] = []
        for item in items:
            if not (type(item) is dict and len(item) == 1 and ARRAY_KEY in item):
                out.append(self.value(item, (trail, len(out)), depth))
                continue
            disclosure = self.take(item[ARRAY_KEY])
            if disclosure is None:
                continue
            if disclosure.name is not None:
                raise _invalid("an object-property disclosure is referenced from an array")
            here = (trail, len(out))
            self.paths[disclosure.digest] = _flatten(here)
            out.append(self.value(disclosure.value, here, depth))
        return out


@dataclass(slots=True)  # not frozen: made once per verification (see keys.VerifiedJws)
class Reconstructed:
    """Claims with disclosures substituted, and where in them each disclosure landed."""

    claims: dict[str, Any]
    paths: dict[str, ClaimPath]


def reconstruct(payload: dict[str, Any], disclosures: tuple[Disclosure, ...]) -> Reconstructed:
    """RFC 9901 §7.1 steps 3-5 over an already verified issuer payload."""
    alg = payload.get(SD_ALG_KEY, SD_ALG)
    if alg != SD_ALG:
        raise CredentialError(Refusal.UNSUPPORTED_ALGORITHM, "_sd_alg must be sha-256")
    by_digest = {disclosure.digest: disclosure for disclosure in disclosures}
    if len(by_digest) != len(disclosures):
        raise _invalid("the same disclosure is included twice")
    work = _Reconstruction(by_digest)
    claims = work.walk_object(payload, (), 0)
    claims.pop(SD_ALG_KEY, None)
    if len(work.paths) != len(by_digest):
        raise _invalid("a disclosure is not referenced by any digest")
    return Reconstructed(claims, work.paths)
