# SPDX-License-Identifier: EUPL-1.2
"""The public domain of every dimension: which cells a release has, taken from the catalog.

Cells come only from public knowledge (the catalog's life events, services, competent
organisations, channels and municipalities), never from the data, so the presence of a row
tells nothing about anyone. A record whose values are outside the domain is not counted.
Pure: no Django, no IO.
"""

from __future__ import annotations

from dataclasses import dataclass

from lifegate.catalog.cpsv.model import Catalog, LangText


@dataclass(frozen=True)
class ServiceDomain:
    id: str
    events: tuple[str, ...]
    organisations: tuple[str, ...]
    channels: tuple[str, ...]


@dataclass(frozen=True)
class Domain:
    """Dimension values and the labels of each value in NL and EN."""

    life_events: tuple[str, ...]
    municipalities: tuple[str, ...]
    services: tuple[ServiceDomain, ...]
    labels: dict[str, LangText]
    municipal: dict[str, str]  # organisation id -> the municipality code it serves

    def serves(self, organisation: str, municipality: str) -> bool:
        """A municipality's own services are only counted for its own residents."""
        return self.municipal.get(organisation, municipality) == municipality

    def label(self, value: str, language: str) -> str:
        text = self.labels.get(value, {})
        return text.get(language) or text.get("nl") or value


def domain_from_catalog(catalog: Catalog) -> Domain:
    """Life events, services with their events, authorities and channels, municipalities."""
    labels: dict[str, LangText] = {}
    for event in catalog.events:
        labels[event.id] = dict(event.name)
    municipalities = []
    municipal: dict[str, str] = {}
    for organisation in catalog.organisations:
        labels[organisation.id] = dict(organisation.name)
        if organisation.municipality_code:
            municipalities.append(organisation.municipality_code)
            municipal[organisation.id] = organisation.municipality_code
            labels[organisation.municipality_code] = dict(organisation.name)
    services = []
    for service in catalog.services:
        labels[service.id] = dict(service.name)
        channels = service.channels or ("online",)
        services.append(ServiceDomain(service.id, service.events, service.authorities, channels))
    life_events = tuple(e.id for e in catalog.events if e.kind == "life")
    return Domain(life_events, tuple(municipalities), tuple(services), labels, municipal)
