# SPDX-License-Identifier: EUPL-1.2
"""Filtering and localising the catalog for pages and the JSON API. Pure: no Django, no IO.

Unknown filter values are refused with the parameter they came in (`UnknownFilterError`),
so the API can answer 400 naming it instead of an empty list that looks like "no services".
"""

from __future__ import annotations

from dataclasses import dataclass

from lifegate.catalog.cpsv.model import Catalog, Event, LangText, Service
from lifegate.catalog.search import SearchIndex


class UnknownFilterError(ValueError):
    """A filter value that names nothing in the catalog."""

    def __init__(self, parameter: str, value: str) -> None:
        super().__init__(f"{parameter}: there is no {parameter} {value!r} in the catalog")
        self.parameter = parameter
        self.value = value


@dataclass(frozen=True)
class ServiceFilter:
    """What an app asks for; empty means "any"."""

    event: str = ""
    organisation: str = ""
    language: str = ""
    query: str = ""


def localise(language_map: LangText, language: str) -> str:
    """The text in `language`, else Dutch, else English, else any ("" when none)."""
    for code in (language, "nl", "en"):
        if language_map.get(code):
            return language_map[code]
    return next(iter(language_map.values()), "")


def languages(catalog: Catalog) -> set[str]:
    """Every language any service has a name in."""
    return {code for service in catalog.services for code in service.name}


def filter_services(catalog: Catalog, index: SearchIndex, wanted: ServiceFilter) -> list[Service]:
    """Services matching every filter; with a query, best match first."""
    _check(catalog, wanted)
    services = list(catalog.services)
    if wanted.event:
        services = [s for s in services if wanted.event in s.events]
    if wanted.organisation:
        services = [s for s in services if wanted.organisation in s.authorities]
    if wanted.language:
        services = [s for s in services if s.name.get(wanted.language)]
    if wanted.query:
        rank = {hit.id: n for n, hit in enumerate(index.search(wanted.query, ("service",)))}
        services = sorted((s for s in services if s.id in rank), key=lambda s: rank[s.id])
    return services


def filter_events(catalog: Catalog, index: SearchIndex, kind: str, query: str) -> list[Event]:
    """Events of `kind` ("" for both) matching `query` ("" for all)."""
    if kind and kind not in {"life", "business"}:
        raise UnknownFilterError("kind", kind)
    events = [e for e in catalog.events if not kind or e.kind == kind]
    if query:
        rank = {hit.id: n for n, hit in enumerate(index.search(query, ("event",)))}
        events = sorted((e for e in events if e.id in rank), key=lambda e: rank[e.id])
    return events


def services_of_event(catalog: Catalog, event_id: str) -> list[Service]:
    return [s for s in catalog.services if event_id in s.events]


def _check(catalog: Catalog, wanted: ServiceFilter) -> None:
    if wanted.event and wanted.event not in {e.id for e in catalog.events}:
        raise UnknownFilterError("event", wanted.event)
    if wanted.organisation and wanted.organisation not in {o.id for o in catalog.organisations}:
        raise UnknownFilterError("organisation", wanted.organisation)
    if wanted.language and wanted.language not in languages(catalog):
        raise UnknownFilterError("lang", wanted.language)


def known(catalog: Catalog, kind: str, identifier: str) -> bool:
    """Whether the catalog has an organisation, or a rule (a service id), with this id."""
    if kind == "organisation":
        return identifier in {o.id for o in catalog.organisations}
    return kind == "rule" and identifier in {s.id for s in catalog.services}
