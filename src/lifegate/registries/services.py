# SPDX-License-Identifier: EUPL-1.2
"""The registries block's door: `fetch(call)`, through the transport configured per registry.

`events_on(day, grant)`: the persons registry's events of a day (births registered,
18th birthdays, pension age, deaths), for subscribers such as the journeys.

Only `lifegate.exchange` calls this (with a grant it issued); every registry refuses a call
without one, whichever transport carries it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from lifegate.registries import server
from lifegate.registries.catalogue import REGISTRIES
from lifegate.registries.server import EVENT_FEED, EVENT_FIELD, PersonEvent
from lifegate.registries.transport import (
    HttpTransport,
    InProcessTransport,
    RegistryAnswer,
    RegistryCall,
    RegistryTransport,
)

__all__ = [
    "EVENT_FEED",
    "EVENT_FIELD",
    "PersonEvent",
    "events_on",
    "fetch",
    "reset_transports",
    "transport_for",
    "use_transport",
]

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


def events_on(day: dt.date, grant: str) -> list[PersonEvent]:
    """The persons registry's events of `day`, for a grant the exchange issued for the feed
    (`EVENT_FEED`, field `EVENT_FIELD`); raises `grants.GrantRefusedError` otherwise.

    In-process only: a real BRP delivers these as notifications to its subscribers."""
    return server.events_on(day, grant)
