# SPDX-License-Identifier: EUPL-1.2
"""Issuers trusted by name, whose keys are fetched from their metadata and kept current.

A verifier trusts a foreign issuer by its identifier only; the keys come from the
issuer's own metadata (SD-JWT VC `/.well-known/jwt-vc-issuer`), through a one-method
fetcher (httpx on the Django side, a fake in unit tests). Keys are fetched on first use,
not when the verifier is made, so an issuer that is down at start-up is tried again
later instead of being distrusted for the life of the process.

A key set is kept until it is stale (`RefreshPolicy.max_age`, or the issuer's own
`Cache-Control: max-age` when shorter), and fetched again early when a credential names
a key id the set lacks: the issuer rotated its key. Each issuer is fetched at most once
per `retry_after` seconds, so forged tokens with made-up key ids cannot make a verifier
flood the issuer; a key id still unknown in that time is refused as not known yet (try
again shortly), one still unknown right after a fetch as a bad signature. A fetched set
replaces the old one whole, so a key the issuer withdrew is trusted at most `max_age`
seconds longer. When a fetch fails, the last set is used for at most `max_stale` seconds
after it was fetched; an issuer with no usable set is refused as
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


class IssuerKeys(Protocol):
    """The keys a verifier accepts for issuer `iss` (the one named `kid` if known)."""

    def keys_for(self, iss: object, kid: object) -> Sequence[PublicKey]: ...


@dataclass(frozen=True, slots=True)
class FetchedKeys:
    """An issuer's published JWKs, and how long the issuer says they may be kept."""

    jwks: Sequence[Mapping[str, Any]]
    max_age: int | None = None


class JwksFetcher(Protocol):
    """Fetches the published keys of `issuer`; raises on any failure."""

    def fetch(self, issuer: str) -> FetchedKeys: ...


@dataclass(frozen=True, slots=True)
class RefreshPolicy:
    max_age: int = 300  # seconds a key set is used before it is fetched again
    retry_after: int = 10  # at most one fetch per issuer in this many seconds
    max_stale: int = 86_400  # how long the last set stands in while the issuer is down

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


def select_keys(keys: Mapping[str | None, PublicKey], kid: object) -> Sequence[PublicKey]:
    """The key named `kid` when there is one, else every key (a signature picks its own)."""
    if isinstance(kid, str) and kid in keys:
        return (keys[kid],)
    return tuple(keys.values())


def usable_keys(jwks: Iterable[Mapping[str, Any]]) -> dict[str | None, PublicKey]:
    """The P-256 public keys among `jwks` by `kid`; other keys an issuer publishes are skipped."""
    keys: dict[str | None, PublicKey] = {}
    for jwk in jwks:
        try:
            key = public_key_from_jwk(dict(jwk))
        except (CredentialError, TypeError, ValueError):
            continue  # another curve or key type, or private material: never trusted
        kid = jwk.get("kid")
        keys[kid if isinstance(kid, str) else None] = key
    return keys


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
        # One lock per issuer: a verification waits for a fetch of its own issuer's keys
        # (and then uses them), never for a slow fetch from another issuer.
        self._locks = {iss: threading.Lock() for iss in self.remote}

    def keys_for(self, iss: object, kid: object) -> Sequence[PublicKey]:
        if isinstance(iss, str) and iss in self.local and self.local[iss]:
            return select_keys(self.local[iss], kid)
        if not isinstance(iss, str) or iss not in self.remote:
            raise CredentialError(Refusal.UNTRUSTED_ISSUER, f"issuer {iss!r} is not trusted")
        with self._locks[iss]:
            now = self.clock()
            found = self._current(iss, kid, now)
            if isinstance(kid, str) and kid not in found.keys and found.fetched_at != now:
                # Possibly a key the issuer added since we last had its keys, and we may not
                # ask again yet; after a fetch that lacks it, every key is tried (and fails).
                wait = self._tried[iss] + self.policy.retry_after - now
                raise CredentialError(
                    Refusal.ISSUER_KEYS_UNAVAILABLE,
                    f"key {kid!r} of issuer {iss} is not known yet; try again in {wait} s",
                )
        return select_keys(found.keys, kid)

    def _current(self, iss: str, kid: object, now: int) -> _KeySet:
        found = self._sets.get(iss)
        if self._due(iss, found, kid, now):
            self._tried[iss] = now
            found = self._fetch(iss, now) or found
        if found is None or now >= found.fetched_at + self.policy.max_stale:
            raise CredentialError(
                Refusal.ISSUER_KEYS_UNAVAILABLE,
                f"the keys of issuer {iss} could not be fetched; try again later",
            )
        return found

    def _due(self, iss: str, found: _KeySet | None, kid: object, now: int) -> bool:
        tried = self._tried.get(iss)
        if tried is not None and now < tried + self.policy.retry_after:
            return False
        if found is None or now >= found.fresh_until:
            return True
        return isinstance(kid, str) and kid not in found.keys  # the issuer rotated

    def _fetch(self, iss: str, now: int) -> _KeySet | None:
        try:
            fetched = self.fetcher.fetch(iss)
            keys = usable_keys(fetched.jwks)
            if not keys:
                raise ValueError("no P-256 key is published")
        except Exception as exc:  # any transport or content failure: keep the last set
            logger.warning(
                "credentials.issuer_keys_unavailable", extra={"issuer": iss, "error": str(exc)}
            )
            return None
        self._sets[iss] = found = _KeySet(keys, now, now + self.policy.lifetime(fetched.max_age))
        return found
