# SPDX-License-Identifier: EUPL-1.2
"""Issuers trusted by name, whose keys are fetched from their metadata and kept current.

A verifier trusts a foreign issuer by its identifier only; the keys come from the
issuer's own metadata (SD-JWT VC `/.well-known/jwt-vc-issuer`), through a one-method
fetcher (httpx on the Django side, a fake in unit tests). Keys are fetched on first use,
not when the verifier is made, so an issuer that is down at start-up is tried again
later instead of being distrusted for the life of the process.

A key set is kept until it is stale (`RefreshPolicy.max_age`, or the issuer's own
`Cache-Control: max-age` when shorter), and fetched again early when a credential or a
status list names a key id the set lacks: the issuer rotated its key. Each issuer is
fetched at most once per `retry_after` seconds, so forged tokens with made-up key ids
cannot make a verifier flood the issuer; a key id still unknown in that time is refused
as not known yet (try again shortly), one still unknown right after a fetch as a bad
signature. An answer replaces the old set whole, also when it holds no usable key (the
issuer withdrew them all, or its metadata is gone or wrong), so a withdrawn key is trusted
at most `max_age` seconds longer. Only when the issuer cannot be asked at all (network,
time-out, server error: `IssuerUnreachableError`) does the last set stand in, for at most
`max_stale` seconds after it was fetched. Meanwhile other verifications use the set in
hand instead of waiting for the fetch. Without a usable set an issuer is refused as
`issuer_keys_unavailable`, which tells the verifier to try again later.
An identifier not on the list is never fetched: a token cannot make us call a URL.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from lifegate.credentials.errors import CredentialError, Refusal
from lifegate.credentials.keys import PublicKey, public_key_from_jwk

logger = logging.getLogger(__name__)
NO_USABLE_KEY = "it publishes no P-256 key"


class IssuerKeys(Protocol):
    """The keys a verifier accepts for issuer `iss` (the one named `kid` if known)."""

    def keys_for(self, iss: object, kid: object) -> Sequence[PublicKey]: ...


@dataclass(frozen=True, slots=True)
class FetchedKeys:
    """An issuer's published JWKs, and how long the issuer says they may be kept."""

    jwks: Sequence[Mapping[str, Any]]
    max_age: int | None = None


class IssuerUnreachableError(Exception):
    """The issuer could not be asked (network, time-out, server error): not an answer."""


class JwksFetcher(Protocol):
    """Fetches the published keys of `issuer`. Raises IssuerUnreachableError when the
    issuer could not be asked, anything else when its answer gives no keys."""

    def fetch(self, issuer: str) -> FetchedKeys: ...


@dataclass(frozen=True, slots=True)
class RefreshPolicy:
    max_age: int = 300  # seconds a key set is used before it is fetched again
    retry_after: int = 10  # at most one fetch per issuer in this many seconds
    max_stale: int = 3600  # how long the last set stands in while the issuer is unreachable

    def lifetime(self, issuer_max_age: int | None) -> int:
        """How long a fetched set is used: max_age, or the issuer's own when shorter, and
        never below retry_after."""
        lifetime = self.max_age if issuer_max_age is None else min(self.max_age, issuer_max_age)
        return max(lifetime, self.retry_after)


@dataclass(slots=True)
class _KeySet:
    keys: dict[str | None, PublicKey]
    fetched_at: int
    fresh_until: int
    problem: str = ""  # why it holds no usable key


def select_keys(keys: Mapping[str | None, PublicKey], kid: object) -> Sequence[PublicKey]:
    """The key named `kid` when there is one, else every key (a signature picks its own)."""
    if isinstance(kid, str) and kid in keys:
        return (keys[kid],)
    return tuple(keys.values())


# Keys published without a kid are filed under names no kid can be ("\0" and a number),
# so several of them are all kept and only ever tried, never picked by name.
_NO_KID = "\0"


def usable_keys(jwks: Iterable[Mapping[str, Any]]) -> dict[str | None, PublicKey]:
    """The P-256 public keys among `jwks` by `kid`; other keys an issuer publishes are skipped."""
    keys: dict[str | None, PublicKey] = {}
    for position, jwk in enumerate(jwks):
        try:
            key = public_key_from_jwk(dict(jwk))
        except (CredentialError, TypeError, ValueError):
            continue  # another curve or key type, or private material: never trusted
        kid = jwk.get("kid")
        keys[kid if isinstance(kid, str) else f"{_NO_KID}{position}"] = key
    return keys


def published_kid(name: str | None) -> str:
    """A key's kid as the issuer published it ("" for none)."""
    return "" if name is None or name.startswith(_NO_KID) else name


class RemoteIssuers:
    """This installation's own issuers (fixed keys) plus foreign ones fetched by name."""

    def __init__(
        self,
        local: Mapping[str, Mapping[str | None, PublicKey]],
        remote: Iterable[str],
        fetcher: JwksFetcher,
        clock: Callable[[], int],
        policy: RefreshPolicy | None = None,
    ) -> None:
        self.local = local
        self.remote = frozenset(remote) - local.keys()
        self.fetcher = fetcher
        self.clock = clock
        self.policy = policy or RefreshPolicy()
        self._sets: dict[str, _KeySet] = {}
        self._tried: dict[str, int] = {}
        # One lock per issuer, held by the one verification that fetches its keys; the
        # others use the set in hand meanwhile, and wait only when there is none yet.
        self._locks = {iss: threading.Lock() for iss in self.remote}

    def keys_for(self, iss: object, kid: object) -> Sequence[PublicKey]:
        if isinstance(iss, str) and iss in self.local and self.local[iss]:
            return select_keys(self.local[iss], kid)
        if not isinstance(iss, str) or iss not in self.remote:
            raise CredentialError(Refusal.UNTRUSTED_ISSUER, f"issuer {iss!r} is not trusted")
        lock = self._locks[iss]
        if lock.acquire(blocking=iss not in self._sets):
            try:
                now = self.clock()
                found = self._refreshed(iss, kid, now)
            finally:
                lock.release()
        else:  # another verification is fetching this issuer's keys right now
            now = self.clock()
            found = self._usable(iss, self._sets[iss], now)
        return self._chosen(iss, found, kid, now)

    def _refreshed(self, iss: str, kid: object, now: int) -> _KeySet:
        found = self._sets.get(iss)
        if self._due(iss, found, kid, now):
            self._tried[iss] = now
            found = self._fetch(iss, now) or found
        if found is None:
            raise CredentialError(
                Refusal.ISSUER_KEYS_UNAVAILABLE,
                f"issuer {iss} could not be reached for its keys; try again later",
            )
        return self._usable(iss, found, now)

    def _usable(self, iss: str, found: _KeySet, now: int) -> _KeySet:
        if not found.keys or now >= found.fetched_at + self.policy.max_stale:
            why = found.problem or "it could not be reached for too long"
            raise CredentialError(
                Refusal.ISSUER_KEYS_UNAVAILABLE,
                f"issuer {iss} gives no usable key ({why}); try again later",
            )
        return found

    def _chosen(self, iss: str, found: _KeySet, kid: object, now: int) -> Sequence[PublicKey]:
        if isinstance(kid, str) and kid not in found.keys and found.fetched_at != now:
            # Possibly a key the issuer added since we last had its keys, and we may not
            # ask again yet; after a fetch that lacks it, every key is tried (and fails).
            wait = max(1, self._tried.get(iss, now) + self.policy.retry_after - now)
            raise CredentialError(
                Refusal.ISSUER_KEYS_UNAVAILABLE,
                f"key {kid!r} of issuer {iss} is not known yet; try again in {wait} s",
            )
        return select_keys(found.keys, kid)

    def _due(self, iss: str, found: _KeySet | None, kid: object, now: int) -> bool:
        tried = self._tried.get(iss)
        if tried is not None and now < tried + self.policy.retry_after:
            return False
        if found is None or now >= found.fresh_until:
            return True
        return isinstance(kid, str) and kid not in found.keys  # the issuer rotated

    def _fetch(self, iss: str, now: int) -> _KeySet | None:
        """The issuer's answer as the new set (None when it could not be asked)."""
        try:
            fetched = self.fetcher.fetch(iss)
            keys, max_age, problem = usable_keys(fetched.jwks), fetched.max_age, ""
        except IssuerUnreachableError as exc:  # not an answer: the last set stands in
            logger.warning(
                "credentials.issuer_unreachable", extra={"issuer": iss, "error": str(exc)}
            )
            return None
        except Exception as exc:  # an answer that gives no keys: none are trusted now
            keys, max_age, problem = {}, None, str(exc) or type(exc).__name__
        if not keys:
            problem = problem or NO_USABLE_KEY
            logger.warning(
                "credentials.issuer_keys_unusable", extra={"issuer": iss, "error": problem}
            )
        self._sets[iss] = found = _KeySet(keys, now, now + self.policy.lifetime(max_age), problem)
        return found
