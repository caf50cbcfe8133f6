# SPDX-License-Identifier: EUPL-1.2
"""The installation's key provider and search key, generated into LIFEGATE_HOME/secrets.

Swap in a KMS or HSM with `use_key_provider(...)` at start-up; the rest of the block only
sees the `crypto.KeyProvider` interface.
"""

from __future__ import annotations

import base64
from functools import cache

from django.conf import settings

from lifegate.config.secrets import load_or_create_secret
from lifegate.messagebox.crypto import KeyProvider, LocalKeyProvider

_KEK_ID = "local-1"
_override: dict[str, KeyProvider] = {}


def _decode(secret: str) -> bytes:
    return base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))


@cache
def _local_provider() -> LocalKeyProvider:
    kek = _decode(load_or_create_secret(settings.HOME, f"messagebox-kek-{_KEK_ID}", nbytes=32))
    return LocalKeyProvider({_KEK_ID: kek}, current=_KEK_ID)


def key_provider() -> KeyProvider:
    return _override.get("provider") or _local_provider()


def use_key_provider(provider: KeyProvider | None) -> None:
    """Use `provider` (a KMS adapter) from now on; None goes back to the local KEK."""
    if provider is None:
        _override.pop("provider", None)
    else:
        _override["provider"] = provider


@cache
def search_key() -> bytes:
    return _decode(load_or_create_secret(settings.HOME, "messagebox-search-key", nbytes=32))
