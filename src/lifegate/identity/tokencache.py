# SPDX-License-Identifier: EUPL-1.2
"""Verified agency access tokens, remembered per server process (pure: no Django, no IO).

An entry is keyed by the token's SHA-256 digest (never the token), lives until the token
expires, at most `max_age` seconds, and only while the revocation epoch it was verified
under is still the current one: a revocation changes the epoch, so every entry made
before it is ignored at once.

>>> cache = TokenCache(size=2, max_age=60.0, clock=lambda: 100.0)
>>> cache.put("digest", "principal", expires_at=130.0, epoch=1)
>>> cache.get("digest", epoch=1), cache.get("digest", epoch=2)
('principal', None)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    value: T
    until: float
    epoch: Hashable


class TokenCache(Generic[T]):
    """A bounded LRU of verified tokens; `clock` gives seconds on the tokens' time scale."""

    def __init__(self, size: int, max_age: float, clock: Callable[[], float]) -> None:
        if size < 1 or max_age <= 0:
            raise ValueError("size must be >= 1 and max_age > 0")
        self.size, self.max_age, self.clock = size, max_age, clock
        self._entries: OrderedDict[str, _Entry[T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, epoch: Hashable) -> T | None:
        """The value verified for `key` under `epoch`, or None (unknown, expired, revoked)."""
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.until <= now or entry.epoch != epoch:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry.value

    def put(self, key: str, value: T, expires_at: float, epoch: Hashable) -> None:
        """Remember `value` for `key` until `expires_at` (and at most `max_age` from now)."""
        until = min(expires_at, self.clock() + self.max_age)
        with self._lock:
            self._entries[key] = _Entry(value, until, epoch)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
