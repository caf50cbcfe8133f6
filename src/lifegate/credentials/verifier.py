# SPDX-License-Identifier: EUPL-1.2
"""Verify an SD-JWT VC presentation and give a verdict a person can act on.

The verifier trusts only the keys in its trusted issuer list, reads status lists through
a one-method fetcher (so tests pass a fake and the Django side passes httpx), and takes
the time from a clock it is given. Every refusal carries a `Refusal` reason and a message.

One verifier serves the threads of a web server at once: the issuer-signature cache takes
a short lock for its writes, and a status list that must be fetched holds up only the
verifications that need that very list (one fetch for all of them), never the others.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from lifegate.credentials.disclosures import ClaimPath, reconstruct
from lifegate.credentials.errors import CredentialError, Refusal
from lifegate.credentials.keybinding import Freshness, check_key_binding
from lifegate.credentials.keys import PublicKey, public_key_from_jwk, verify_jws
from lifegate.credentials.remote_issuers import IssuerKeys, select_keys
from lifegate.credentials.sdjwt import split_sd_jwt
from lifegate.credentials.statuslist import Status, StatusListToken, parse_status_list_token
from lifegate.credentials.vc import (
    REGISTERED_CLAIMS,
    StatusReference,
    VcClaims,
    check_validity,
    read_vc_claims,
)

Clock = Callable[[], int]


class StatusListFetcher(Protocol):
    """Fetches the status list token published at `uri` (the compact JWS as text)."""

    def fetch(self, uri: str) -> str: ...


@dataclass(frozen=True, slots=True)
class TrustedIssuers:
    """Issuer identifier → its public keys (optionally by `kid`); nothing else is trusted."""

    keys: Mapping[str, Mapping[str | None, PublicKey]]

    @classmethod
    def from_jwks(cls, jwks: Mapping[str, Iterable[Mapping[str, Any]]]) -> TrustedIssuers:
        """Parse each issuer's JWKs once; verification then never imports an issuer key."""
        return cls(
            {
                iss: {jwk.get("kid"): public_key_from_jwk(dict(jwk)) for jwk in keys}
                for iss, keys in jwks.items()
            }
        )

    def keys_for(self, iss: object, kid: object) -> Sequence[PublicKey]:
        issuer_keys = self.keys.get(iss) if isinstance(iss, str) else None
        if not issuer_keys:
            raise CredentialError(Refusal.UNTRUSTED_ISSUER, f"issuer {iss!r} is not trusted")
        return select_keys(issuer_keys, kid)


@dataclass(frozen=True, slots=True)
class Verified:
    issuer: str
    vct: str
    claims: dict[str, Any]
    disclosed: tuple[ClaimPath, ...]
    status: Status | None
    ok: Literal[True] = True


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Refusal
    message: str
    ok: Literal[False] = False


@dataclass(slots=True)  # not frozen: made once per verification (see keys.VerifiedJws)
class _IssuerSigned:
    """An issuer-signed JWT whose signature and holder key have been checked once."""

    header: Mapping[str, Any]
    payload: dict[str, Any]
    vc: VcClaims
    holder: PublicKey
    key: PublicKey  # the issuer key that verified it


@dataclass(frozen=True, slots=True)
class _ListFailure:
    """Why the last fetch of a status list failed: reason and message only, so no traceback
    keeps a presentation (personal data) in memory until the next fetch."""

    reason: Refusal
    message: str


@dataclass(slots=True)
class _CachedList:
    token: StatusListToken
    fresh_until: int


@dataclass
class Verifier:
    trusted: IssuerKeys  # a TrustedIssuers, or RemoteIssuers that fetches foreign keys
    status_lists: StatusListFetcher
    clock: Clock
    freshness: Freshness = field(default_factory=Freshness)
    leeway: int = 60
    default_status_ttl: int = 300
    # Credentials are presented again (the same PID at every sign-in); the issuer signature
    # over identical JWT text cannot change, so the checked result is kept, keyed by the
    # whole text. Time-dependent checks and key binding are redone every time. 0 disables.
    issuer_cache_size: int = 1024
    _lists: dict[tuple[str, str], _CachedList] = field(default_factory=dict, repr=False)
    _issued: dict[str, _IssuerSigned] = field(default_factory=dict, repr=False)
    _issued_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _list_locks: dict[tuple[str, str], threading.Lock] = field(default_factory=dict, repr=False)
    _list_failures: dict[tuple[str, str], _ListFailure] = field(default_factory=dict, repr=False)

    def verify(self, presentation: str, *, nonce: str, aud: str) -> Verified | Refused:
        """Verify `presentation` for the request identified by `nonce` and `aud`."""
        try:
            return self._verify(presentation, nonce, aud)
        except CredentialError as exc:
            return Refused(exc.reason, exc.message)

    def _verify(self, text: str, nonce: str, aud: str) -> Verified:
        now = self.clock()
        jwt, disclosures, kb_jwt = split_sd_jwt(text)  # each part decoded once, here
        signed = self._issuer_signed(jwt)
        vc = signed.vc
        check_validity(signed.payload, now, self.leeway)
        presented = text[: len(text) - len(kb_jwt)]  # `<JWT>~<D1>~…~`, exactly as received
        check_key_binding(
            kb_jwt,
            signed.holder,
            presented=presented,
            nonce=nonce,
            aud=aud,
            now=now,
            freshness=self.freshness,
        )
        result = reconstruct(signed.payload, disclosures)
        # The top-level names that came from disclosures: a disclosure cannot repeat a
        # name the payload has (refused as disclosed twice), so they are the difference.
        if not REGISTERED_CLAIMS.isdisjoint(result.claims.keys() - signed.payload.keys()):
            raise CredentialError(Refusal.INVALID_DISCLOSURE, "a registered claim is disclosed")
        status = None if vc.status is None else self._check_status(vc.iss, vc.status, now)
        return Verified(vc.iss, vc.vct, result.claims, tuple(result.paths.values()), status)

    def _issuer_signed(self, jwt: str) -> _IssuerSigned:
        cached = self._issued.get(jwt)
        if cached is not None:
            if self._still_trusted(cached):
                return cached
            with self._issued_lock:  # checked again below, against the keys the issuer has now
                self._issued.pop(jwt, None)
        verified = verify_jws(jwt, self._issuer_keys, Refusal.BAD_SIGNATURE)
        vc = read_vc_claims(verified.header, verified.payload)
        holder = public_key_from_jwk(vc.holder_jwk)
        signed = _IssuerSigned(verified.header, verified.payload, vc, holder, verified.key)
        if self.issuer_cache_size > 0:
            with self._issued_lock:  # another thread may be evicting: one writer at a time
                if len(self._issued) >= self.issuer_cache_size:
                    self._issued.pop(next(iter(self._issued)))  # oldest first: bounded memory
                self._issued[jwt] = signed
        return signed

    def _still_trusted(self, signed: _IssuerSigned) -> bool:
        """Whether the key that verified a cached signature is still one the issuer has: a
        key set fetched again (a foreign issuer rotated or withdrew keys) holds new key
        objects, so the signature is checked again against them. Raises as `keys_for` does
        when the issuer is no longer trusted or its keys cannot be had."""
        keys = self.trusted.keys_for(signed.vc.iss, signed.header.get("kid"))
        return any(key is signed.key for key in keys)

    def _issuer_keys(
        self, header: Mapping[str, Any], payload: dict[str, Any]
    ) -> Sequence[PublicKey]:
        return self.trusted.keys_for(payload.get("iss"), header.get("kid"))

    def _check_status(self, iss: str, ref: StatusReference, now: int) -> Status:
        token = self._status_list(iss, ref.uri, now)
        if ref.idx >= token.statuses.size:
            raise CredentialError(Refusal.STATUS_UNAVAILABLE, "status index beyond the list")
        status = token.statuses.get(ref.idx)
        if status == Status.INVALID:
            raise CredentialError(Refusal.REVOKED, "the credential has been revoked")
        if status == Status.SUSPENDED:
            raise CredentialError(Refusal.SUSPENDED, "the credential is suspended")
        if status != Status.VALID:
            raise CredentialError(Refusal.STATUS_UNAVAILABLE, f"unknown status value {status}")
        return Status.VALID

    def _status_list(self, iss: str, uri: str, now: int) -> StatusListToken:
        """A cached list while fresh (`ttl`, `exp`); keyed by issuer so lists never mix."""
        key = (iss, uri)
        cached = self._lists.get(key)
        if cached is not None and now < cached.fresh_until:
            return cached.token
        # One fetch per list at a time: verifications needing the same list wait for it
        # (a list past its time may not be used), those needing others go on meanwhile.
        failed_before = self._list_failures.get(key)
        with self._list_locks.setdefault(key, threading.Lock()):
            cached = self._lists.get(key)
            if cached is not None and now < cached.fresh_until:
                return cached.token  # fetched by another verification while this one waited
            failed = self._list_failures.get(key)
            if failed is not None and failed is not failed_before:
                # The fetch this one waited for failed: the same answer, not one more wait.
                raise CredentialError(failed.reason, failed.message)
            try:
                token = self._fetch_list(iss, uri, now)
            except CredentialError as exc:
                self._list_failures[key] = _ListFailure(exc.reason, exc.message)
                raise
            self._list_failures.pop(key, None)
            until = token.fresh_until(now) or now + self.default_status_ttl
            self._lists[key] = _CachedList(token, until)
        return token

    def _fetch_list(self, iss: str, uri: str, now: int) -> StatusListToken:
        try:
            text = self.status_lists.fetch(uri)
        except Exception as exc:  # any transport failure: fail closed, say why
            raise CredentialError(Refusal.STATUS_UNAVAILABLE, f"status list fetch: {exc}") from exc
        # The list's own `kid` picks the key, so a list signed with a key the issuer added
        # since its keys were fetched makes them be fetched again.
        return parse_status_list_token(
            text, lambda header, _p: self.trusted.keys_for(iss, header.get("kid")), uri=uri, now=now
        )

    def prefetch(self, iss: str, uri: str) -> None:
        """Warm the cache, e.g. from a background job, so verification never waits on IO."""
        self._status_list(iss, uri, self.clock())
