# SPDX-License-Identifier: EUPL-1.2
"""Token Status List (draft-ietf-oauth-status-list): a compressed bit list of credential
statuses, signed as a `statuslist+jwt`, and the random index allocator behind it.

Indices are drawn at random rather than in sequence so that a credential's index says
nothing about when it was issued or who got the neighbouring ones.
"""

from __future__ import annotations

import secrets
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from lifegate.credentials.encoding import b64url_decode, b64url_encode, json_dumps
from lifegate.credentials.errors import CredentialError, Refusal, malformed
from lifegate.credentials.keys import KeyResolver, PrivateKey, PublicKey, sign_jws, verify_jws

STATUS_LIST_TYP = "statuslist+jwt"
SUPPORTED_BITS = (1, 2)
# A decompressed list larger than this is refused: it would be a decompression bomb,
# not a status list (8 MiB is 67 million one-bit entries).
MAX_LIST_BYTES = 8 * 1024 * 1024
_RANDOM_TRIES = 64


class Status(IntEnum):
    VALID = 0
    INVALID = 1
    SUSPENDED = 2


# Every value a 1- or 2-bit entry can hold; 3 is reserved by the draft, so stays an int.
_BY_VALUE: tuple[Status | int, ...] = (Status.VALID, Status.INVALID, Status.SUSPENDED, 3)


class StatusList:
    """`size` statuses of `bits` bits each; entry 0 is the least significant bits of byte 0."""

    def __init__(self, size: int, bits: int = 1, data: bytes | None = None) -> None:
        if bits not in SUPPORTED_BITS:
            raise ValueError(f"bits must be one of {SUPPORTED_BITS}")
        self.bits = bits
        self.size = size
        self._mask = (1 << bits) - 1
        self._data = bytearray(data if data is not None else (size * bits + 7) // 8)

    def get(self, index: int) -> Status | int:
        if not 0 <= index < self.size:
            raise IndexError(index)
        position = index * self.bits
        return _BY_VALUE[(self._data[position >> 3] >> (position & 7)) & self._mask]

    def set(self, index: int, status: Status) -> None:
        if not 0 <= index < self.size:
            raise IndexError(index)
        if status >= 1 << self.bits:
            raise ValueError(f"{status.name} needs more than {self.bits} bit(s)")
        position = index * self.bits
        mask = ((1 << self.bits) - 1) << (position % 8)
        byte = self._data[position // 8] & ~mask
        self._data[position // 8] = byte | (int(status) << (position % 8))

    def to_json(self) -> dict[str, Any]:
        return {"bits": self.bits, "lst": b64url_encode(zlib.compress(bytes(self._data), 9))}

    @classmethod
    def from_json(cls, value: object) -> StatusList:
        if not isinstance(value, dict):
            raise malformed("status_list is an object")
        bits, lst = value.get("bits"), value.get("lst")
        if bits not in SUPPORTED_BITS or not isinstance(bits, int) or isinstance(bits, bool):
            raise malformed("status_list bits must be 1 or 2")
        if not isinstance(lst, str):
            raise malformed("status_list lst must be a string")
        data = _inflate(b64url_decode(lst))
        return cls(len(data) * 8 // bits, bits, data)


def _inflate(compressed: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(compressed, MAX_LIST_BYTES)
    except zlib.error as exc:
        raise malformed("lst is not zlib data") from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise malformed("lst is truncated or larger than allowed")
    return data


class IndexAllocator:
    """Hands out unused indices in `range(size)` at random; no index is given out twice.

    The Django side persists `used` and rebuilds the allocator from it.
    """

    def __init__(self, size: int, used: Iterable[int] = ()) -> None:
        self.size = size
        self._taken = bytearray((size + 7) // 8)
        self._count = 0
        for index in used:
            self._mark(index)

    def _mark(self, index: int) -> None:
        if not 0 <= index < self.size or self.is_taken(index):
            raise ValueError(f"index {index} is out of range or already taken")
        self._taken[index // 8] |= 1 << (index % 8)
        self._count += 1

    def is_taken(self, index: int) -> bool:
        return bool(self._taken[index // 8] >> (index % 8) & 1)

    @property
    def free(self) -> int:
        return self.size - self._count

    def allocate(self) -> int:
        if self.free == 0:
            raise LookupError("status list is full; start a new list")
        for _ in range(_RANDOM_TRIES):
            index = secrets.randbelow(self.size)
            if not self.is_taken(index):
                self._mark(index)
                return index
        # A nearly full list: walk from a random start to the next free index.
        start = secrets.randbelow(self.size)
        index = next(
            i % self.size
            for i in range(start, start + self.size)
            if not self.is_taken(i % self.size)
        )
        self._mark(index)
        return index


@dataclass(frozen=True, slots=True)
class StatusListToken:
    statuses: StatusList
    uri: str
    iat: int
    exp: int | None
    ttl: int | None

    def fresh_until(self, fetched_at: int) -> int | None:
        """Until when a cached copy may be used: the earlier of `exp` and fetch time + `ttl`."""
        limits = [t for t in (self.exp, fetched_at + self.ttl if self.ttl else None) if t]
        return min(limits) if limits else None


def sign_status_list(
    statuses: StatusList,
    *,
    uri: str,
    key: PrivateKey,
    iat: int,
    exp: int | None = None,
    ttl: int | None = None,
    iss: str | None = None,
    kid: str | None = None,
) -> str:
    payload: dict[str, Any] = {"sub": uri, "iat": iat, "status_list": statuses.to_json()}
    optional = {"exp": exp, "ttl": ttl, "iss": iss}
    payload.update({k: v for k, v in optional.items() if v is not None})
    header: dict[str, Any] = {"typ": STATUS_LIST_TYP} | ({"kid": kid} if kid else {})
    return sign_jws(header, json_dumps(payload).encode("utf-8"), key)


def _time(claims: dict[str, Any], name: str) -> int:
    value = claims.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CredentialError(Refusal.STATUS_UNAVAILABLE, f"status list {name} is not a time")
    return value


def _optional_time(claims: dict[str, Any], name: str) -> int | None:
    return None if claims.get(name) is None else _time(claims, name)


def parse_status_list_token(
    token: str, keys: Sequence[PublicKey] | KeyResolver, *, uri: str, now: int
) -> StatusListToken:
    """Verify a status list token for `uri` with the issuer's keys, or with the keys a
    resolver names for its header (its `kid`); refuses expired lists."""
    resolve: KeyResolver = keys if callable(keys) else (lambda _h, _p: keys)
    verified = verify_jws(token, resolve, Refusal.STATUS_UNAVAILABLE)
    if verified.header.get("typ") != STATUS_LIST_TYP:
        raise CredentialError(Refusal.WRONG_TYPE, f"status list typ must be {STATUS_LIST_TYP}")
    claims = verified.payload
    if claims.get("sub") != uri:
        raise CredentialError(Refusal.STATUS_UNAVAILABLE, "status list sub is not its URI")
    iat, exp, ttl = (
        _time(claims, "iat"),
        _optional_time(claims, "exp"),
        _optional_time(claims, "ttl"),
    )
    if exp is not None and exp <= now:
        raise CredentialError(Refusal.STATUS_UNAVAILABLE, "status list token has expired")
    return StatusListToken(StatusList.from_json(claims.get("status_list")), uri, iat, exp, ttl)
