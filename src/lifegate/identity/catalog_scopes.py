# SPDX-License-Identifier: EUPL-1.2
"""The catalog as mandate scopes need it, read only through `catalog.services`."""

from __future__ import annotations

from lifegate.catalog import services as catalog
from lifegate.identity.scopes import Named, ScopeCatalog


def scope_catalog() -> ScopeCatalog:
    """Services and events of the catalog as stored now (a few milliseconds)."""
    current = catalog.current_catalog()
    kinds = {e.id: e.kind for e in current.events}
    events = {
        e.id: Named(e.id, _text(e.name, "nl", e.id), _text(e.name, "en", e.id), frozenset({e.kind}))
        for e in current.events
    }
    services = {
        s.id: Named(
            s.id,
            _text(s.name, "nl", s.id),
            _text(s.name, "en", s.id),
            frozenset(kinds[e] for e in s.events if e in kinds),
        )
        for s in current.services
    }
    members: dict[str, set[str]] = {e: set() for e in events}
    for s in current.services:
        for e in s.events:
            members.setdefault(e, set()).add(s.id)
    return ScopeCatalog(services, events, {e: frozenset(ids) for e, ids in members.items()})


def _text(text: dict[str, str], language: str, fallback: str) -> str:
    return text.get(language) or text.get("nl") or fallback
