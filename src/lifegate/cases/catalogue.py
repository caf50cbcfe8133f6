# SPDX-License-Identifier: EUPL-1.2
"""The catalog as journeys need it: the services of a life event, names, redress texts."""

from __future__ import annotations

from functools import cache

from lifegate.catalog.cpsv import Catalog, Service, load_catalog
from lifegate.exchange import services as exchange
from lifegate.rules.eligibility import SERVICE_IDS

# The processing activity an agency reads the citizen's data through when a case opens.
CASE_ACTIVITIES: dict[str, str] = {
    "kinderbijslag": "svb-child-benefit",
    "kindgebonden-budget": "toeslagen-healthcare-allowance",
    "zorgtoeslag": "toeslagen-healthcare-allowance",
}
JOURNEY_SENDER = "rvig"  # keeper of the persons registry: tells people about their journey


@cache
def catalog() -> Catalog:
    return load_catalog()


def _text(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get("nl") or ""


def service(service_id: str) -> Service:
    return next(s for s in catalog().services if s.id == service_id)


def services_of(event_id: str) -> list[Service]:
    return [s for s in catalog().services if event_id in s.events]


def offered_by_rules(event_id: str) -> list[str]:
    """The proactive services of the event that the rules decide: these become offers."""
    return [s.id for s in services_of(event_id) if s.mode == "proactive" and s.id in SERVICE_IDS]


def service_name(service_id: str, language: str) -> str:
    return _text(service(service_id).name, language)


def event_name(event_id: str, language: str) -> str:
    event = next((e for e in catalog().events if e.id == event_id), None)
    return event_id if event is None else _text(event.name, language)


def organisation_name(organisation_id: str, language: str) -> str:
    found = next((o for o in catalog().organisations if o.id == organisation_id), None)
    return organisation_id if found is None else _text(found.name, language)


def competent_organisation(service_id: str) -> str:
    return service(service_id).authorities[0]


def objection_text(service_id: str, language: str) -> str:
    redress_id = service(service_id).redress
    found = next((r for r in catalog().redress if r.id == redress_id), None)
    return "" if found is None else _text(found.objection, language)


def shared_fields(service_id: str) -> tuple[str, str, tuple[str, ...]]:
    """(organisation, activity id, fields) the agency receives when a case opens."""
    organisation = competent_organisation(service_id)
    activity_id = CASE_ACTIVITIES.get(service_id, "")
    activity = exchange.find_activity(activity_id) if activity_id else None
    if activity is None or activity.organisation != organisation:
        return organisation, "", ()
    return organisation, activity.id, activity.fields
