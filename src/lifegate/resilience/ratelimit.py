# SPDX-License-Identifier: EUPL-1.2
"""Token buckets per client (pure: no Django, no IO; the clock is passed in).

A client may send `burst` requests at once and `rate` per second after that; a request
over the limit gets the number of seconds after which it would be allowed (Retry-After).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass

_MAX_CLIENTS = 50_000  # bounded memory under a flood of distinct addresses


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, rate: float, burst: int, clock: Callable[[], float]) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> int:
        """0 when the request may go ahead, else the whole seconds to wait (at least 1)."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= _MAX_CLIENTS:
                    self._buckets.clear()
                bucket = self._buckets[client] = _Bucket(float(self.burst), now)
            elapsed = max(0.0, now - bucket.updated)
            bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0
            return max(1, math.ceil((1.0 - bucket.tokens) / self.rate))

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()


class RequestLimits:
    """Which bucket a request draws from: an authenticated agency's system draws from its
    organisation's bucket (a busy agency client sends far more than one person's browser),
    anyone else from their address's. Either limiter may be None: that limit is off."""

    def __init__(self, per_address: RateLimiter | None, per_organisation: RateLimiter | None):
        self.per_address, self.per_organisation = per_address, per_organisation

    def take(self, address: str, organisation: str | None = None) -> int:
        """0 when the request may go ahead, else the whole seconds to wait (Retry-After).

        `organisation` is the verified organisation of an agency's access token, None for
        requests without one (or with a token that did not verify)."""
        if organisation is not None:
            limiter = self.per_organisation
            key = organisation
        else:
            limiter, key = self.per_address, address
        return limiter.take(key) if limiter is not None else 0

    def reset(self) -> None:
        for limiter in (self.per_address, self.per_organisation):
            if limiter is not None:
                limiter.reset()
