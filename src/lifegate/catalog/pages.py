# SPDX-License-Identifier: EUPL-1.2
"""What the catalog pages show, as plain dicts in one language. Pure: no Django, no IO.

The service page carries every SDG Regulation (EU) 2018/1724 Art. 9-10 item; the
templates only lay them out.
"""

from __future__ import annotations

import re
from typing import Any

from lifegate.catalog.browse import localise, services_of_event
from lifegate.catalog.cpsv import vocab
from lifegate.catalog.cpsv.model import Catalog, Event, Service

_DURATION = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$"
)
_UNITS = {
    "nl": (("jaar", "jaar"), ("maand", "maanden"), ("week", "weken"), ("dag", "dagen"),
           ("uur", "uur"), ("minuut", "minuten")),
    "en": (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days"),
           ("hour", "hours"), ("minute", "minutes")),
}  # fmt: skip
_LOA = {
    "nl": {"low": "laag", "substantial": "substantieel", "high": "hoog"},
    "en": {"low": "low", "substantial": "substantial", "high": "high"},
}


def duration_text(duration: str, language: str) -> str:
    """``P8W`` → ``8 weken`` / ``8 weeks``; ``P0D`` → ``0 dagen`` (immediately)."""
    match = _DURATION.match(duration)
    if not match:
        return duration
    units = _UNITS.get(language, _UNITS["en"])
    parts = [
        f"{int(n)} {units[i][0] if int(n) == 1 else units[i][1]}"
        for i, n in enumerate(match.groups())
        if n is not None
    ]
    return ", ".join(parts) or duration


def _code(scheme: str, notation: str, language: str) -> str:
    for code in vocab.CODE_LISTS[scheme]:
        if code.notation == notation:
            return str(code.nl if language == "nl" else code.en)
    return notation


def event_card(catalog: Catalog, event: Event, language: str) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "name": localise(event.name, language),
        "description": localise(event.description, language),
        "count": len(services_of_event(catalog, event.id)),
    }


def service_card(catalog: Catalog, service: Service, language: str) -> dict[str, Any]:
    names = {o.id: localise(o.name, language) for o in catalog.organisations}
    return {
        "id": service.id,
        "name": localise(service.name, language),
        "description": localise(service.description, language),
        "mode": service.mode,
        "mode_label": _code("service-mode", service.mode, language),
        "authorities": [names[a] for a in service.authorities if a in names],
    }


def journey(catalog: Catalog, event: Event, language: str) -> dict[str, Any]:
    """An event's journey: its services across agencies, grouped by agency."""
    services = [service_card(catalog, s, language) for s in services_of_event(catalog, event.id)]
    agencies: dict[str, list[dict[str, Any]]] = {}
    for card in services:
        agencies.setdefault(" · ".join(card["authorities"]), []).append(card)
    return {
        "event": event_card(catalog, event, language),
        "services": services,
        "agencies": sorted(agencies.items()),
    }


def service_detail(catalog: Catalog, service: Service, language: str) -> dict[str, Any]:
    """Every SDG Art. 9-10 item of a service, in `language`."""
    card = service_card(catalog, service, language)

    def text(language_map: dict[str, str]) -> str:
        return localise(language_map, language)

    redress = next(r for r in catalog.redress if r.id == service.redress)
    evidence = {e.id: e for e in catalog.evidence_types}
    laws = {r.id: r for r in catalog.legal_resources}
    return {
        **card,
        "steps": [text(step) for step in service.steps],
        "contacts": _contacts(catalog, service, language),
        "channels": [_code("channel", c, language) for c in service.channels],
        "loa": _LOA.get(language, _LOA["en"]).get(service.eid.loa, "") if service.eid else "",
        "eid_means": [_code("eid-means", m, language) for m in service.eid.means]
        if service.eid
        else [],
        "requirements": [
            {"name": text(r.name), "evidence": [text(evidence[e].name) for e in r.evidence]}
            for r in service.requirements
        ],
        "costs": [
            {"amount": c.amount, "currency": c.currency, "description": text(c.description)}
            for c in service.costs
        ],
        "processing_time": duration_text(service.processing_time, language),
        "deadline": text(service.deadline),
        "objection": text(redress.objection),
        "no_response": text(redress.no_response),
        "laws": [
            {"title": text(laws[i].title), "uri": laws[i].uri} for i in service.legal_resources
        ],
        "output": {
            "name": text(service.output.name),
            "description": text(service.output.description),
        },
        "updated": service.updated,
        "events": [
            event_card(catalog, e, language) for e in catalog.events if e.id in service.events
        ],
    }


def _contacts(catalog: Catalog, service: Service, language: str) -> list[dict[str, Any]]:
    organisations = {o.id: o for o in catalog.organisations}
    found = []
    for point in catalog.contact_points:
        if point.id in service.contact_points:
            organisation = organisations[point.organisation]
            found.append(
                {
                    "organisation": localise(organisation.name, language),
                    "website": organisation.website,
                    "phone": point.phone,
                    "email": point.email,
                    "page": point.page,
                    "hours": localise(point.hours, language),
                }
            )
    return found
