# SPDX-License-Identifier: EUPL-1.2
"""The registries block's door: `fetch(call)`, through the transport configured per registry.

Only `lifegate.exchange` calls this (with a grant it issued); every registry refuses a call
without one, whichever transport carries it.
"""

from __future__ import annotations

from django.conf import settings

from lifegate.registries.catalogue import REGISTRIES
from lifegate.registries.transport import (
    HttpTransport,
    InProcessTransport,
    RegistryAnswer,
    RegistryCall,
    RegistryTransport,
)

_overrides: dict[str, RegistryTransport] = {}
_configured: dict[str, RegistryTransport] = {}


def _from_settings(name: str) -> RegistryTransport:
    for pair in settings.REGISTRY_URLS:
        key, _, url = pair.partition("=")
        if key.strip() == name and url.strip():
            return HttpTransport(url.strip(), REGISTRIES[name].key)
    return InProcessTransport()


def transport_for(name: str) -> RegistryTransport:
    if name in _overrides:
        return _overrides[name]
    if name not in _configured:
        _configured[name] = _from_settings(name)
    return _configured[name]


def use_transport(name: str, transport: RegistryTransport) -> None:
    """Route one registry through `transport` (tests, or wiring a real registry in code)."""
    _overrides[name] = transport


def reset_transports() -> None:
    _overrides.clear()
    _configured.clear()


def fetch(call: RegistryCall) -> RegistryAnswer:
    return transport_for(call.registry).send(call)
