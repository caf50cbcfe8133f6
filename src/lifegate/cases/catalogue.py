# SPDX-License-Identifier: EUPL-1.2
"""The catalog as journeys need it: the services of a life event, names, redress texts.

Read from the stored catalog (`catalog.services.current_catalog()`), so an official's edit
in the admin or an imported service reaches the journeys; drafts (`complete` false) and
deleted services are not in it. The catalog is read once per version and process: each call
asks `catalog.services.version()` (one small query) and reads the catalog again only when
the version changed. Callers that need several names at once take one `current()` view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lifegate.cases.refusals import refused
from lifegate.catalog import services as catalog_block
from lifegate.catalog.cpsv import Catalog, Service
from lifegate.exchange import services as exchange
from lifegate.rules.eligibility import SERVICE_IDS

# The processing activity an agency reads the citizen's data through when a case opens.
CASE_ACTIVITIES: dict[str, str] = {
    "kinderbijslag": "svb-child-benefit",
    "kindgebonden-budget": "toeslagen-healthcare-allowance",
    "zorgtoeslag": "toeslagen-healthcare-allowance",
}
JOURNEY_SENDER = "rvig"  # keeper of the persons registry: tells people about their journey


def _text(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get("nl") or ""


@dataclass(frozen=True, eq=False)  # hashed by identity: one view per catalog version
class CatalogView:
    """One version of the stored catalog, indexed for journeys. Unknown ids give the id
    (names), "" (texts) or None (services): a case outlives a withdrawn service."""

    version: str
    catalog: Catalog
    services: Mapping[str, Service]
    by_event: Mapping[str, tuple[Service, ...]]
    event_names: Mapping[str, Mapping[str, str]]
    organisation_names: Mapping[str, Mapping[str, str]]
    objections: Mapping[str, Mapping[str, str]]

    def service(self, service_id: str) -> Service | None:
        return self.services.get(service_id)

    def services_of(self, event_id: str) -> tuple[Service, ...]:
        return self.by_event.get(event_id, ())

    def service_name(self, service_id: str, language: str) -> str:
        found = self.services.get(service_id)
        return service_id if found is None else _text(found.name, language)

    def event_name(self, event_id: str, language: str) -> str:
        found = self.event_names.get(event_id)
        return event_id if found is None else _text(found, language)

    def organisation_name(self, organisation_id: str, language: str) -> str:
        found = self.organisation_names.get(organisation_id)
        return organisation_id if found is None else _text(found, language)

    def objection_text(self, service_id: str, language: str) -> str:
        found = self.services.get(service_id)
        objection = None if found is None else self.objections.get(found.redress)
        return "" if objection is None else _text(objection, language)


def _view(version: str, catalog: Catalog) -> CatalogView:
    by_event: dict[str, list[Service]] = {}
    for service in catalog.services:
        for event in service.events:
            by_event.setdefault(event, []).append(service)
    return CatalogView(
        version=version,
        catalog=catalog,
        services={s.id: s for s in catalog.services},
        by_event={event: tuple(found) for event, found in by_event.items()},
        event_names={e.id: e.name for e in catalog.events},
        organisation_names={o.id: o.name for o in catalog.organisations},
        objections={r.id: r.objection for r in catalog.redress},
    )


_CURRENT: dict[str, CatalogView] = {}  # "view": the view of the latest version seen


def current() -> CatalogView:
    """The stored catalog now: read again only when its version changed."""
    version = catalog_block.version()  # first: a change after it only costs a later refill
    found = _CURRENT.get("view")
    if found is None or found.version != version:
        found = _CURRENT["view"] = _view(version, catalog_block.current_catalog())
    return found


def catalog() -> Catalog:
    return current().catalog


def services_of(event_id: str) -> tuple[Service, ...]:
    return current().services_of(event_id)


def offered_by_rules(event_id: str) -> list[str]:
    """The proactive services of the event that the rules decide: these become offers."""
    return [s.id for s in services_of(event_id) if s.mode == "proactive" and s.id in SERVICE_IDS]


def service_name(service_id: str, language: str) -> str:
    return current().service_name(service_id, language)


def event_name(event_id: str, language: str) -> str:
    return current().event_name(event_id, language)


def organisation_name(organisation_id: str, language: str) -> str:
    return current().organisation_name(organisation_id, language)


def objection_text(service_id: str, language: str) -> str:
    return current().objection_text(service_id, language)


def competent_organisation(service_id: str, view: CatalogView | None = None) -> str:
    """The service's first competent authority; refused when it is not (or no longer) in the
    catalog citizens see, so no case opens for a withdrawn service."""
    found = (view or current()).service(service_id)
    if found is None or not found.authorities:
        raise refused("not-applicable")
    return found.authorities[0]


def shared_fields(
    service_id: str, view: CatalogView | None = None
) -> tuple[str, str, tuple[str, ...]]:
    """(organisation, activity id, fields) the agency receives when a case opens."""
    organisation = competent_organisation(service_id, view)
    activity_id = CASE_ACTIVITIES.get(service_id, "")
    activity = exchange.find_activity(activity_id) if activity_id else None
    if activity is None or activity.organisation != organisation:
        return organisation, "", ()
    return organisation, activity.id, activity.fields
