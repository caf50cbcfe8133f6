# SPDX-License-Identifier: EUPL-1.2
"""The stored catalog as CPSV-AP linked data and as localised API bodies.

Graphs are built from the database through the pure `cpsv` package, with resource URIs
under this installation's public address (`<LIFEGATE_PUBLIC_URL>/id/`), so the URIs in an
export resolve here by content negotiation.
"""

from __future__ import annotations

from django.http import HttpResponse
from rdflib import Graph, URIRef

from lifegate.catalog import browse, services
from lifegate.catalog.cpsv import build_graph, build_service_graph, serialise
from lifegate.catalog.cpsv.model import Catalog, Event, Service
from lifegate.catalog.cpsv.serialise import Format
from lifegate.catalog.cpsv.vocab import Uris
from lifegate.catalog.schemas import (
    CostOut,
    EventOut,
    LegalResourceOut,
    RequirementOut,
    ServiceOut,
)
from lifegate.core.problems import Problem, ProblemError

MEDIA_TYPE: dict[Format, str] = {"turtle": "text/turtle", "json-ld": "application/ld+json"}


def rdf_response(graph: Graph, rdf_format: Format) -> HttpResponse:
    body = serialise(graph, rdf_format)
    return HttpResponse(body, content_type=f"{MEDIA_TYPE[rdf_format]}; charset=utf-8")


def catalog_graph() -> Graph:
    """The whole stored catalog as a CPSV-AP 3.2 graph."""
    return build_graph(services.snapshot().catalog, base=services.id_base())


def catalog_response(rdf_format: Format) -> HttpResponse:
    return rdf_response(catalog_graph(), rdf_format)


def service_response(service_id: str, rdf_format: Format) -> HttpResponse:
    catalog = services.snapshot().catalog
    try:
        graph = build_service_graph(catalog, service_id, services.id_base())
    except KeyError as error:
        raise ProblemError(Problem("not-found", "There is no service with this id.")) from error
    return rdf_response(graph, rdf_format)


def resource_graph(kind: str, identifier: str) -> Graph | None:
    """The description of one resource (`service`, `event`, `organisation`, `rule`), or None.

    A service gets its own export graph; other resources their concise bounded description
    in the whole catalog graph (their triples and those of their blank nodes).
    """
    catalog = services.snapshot().catalog
    base = services.id_base()
    if kind == "service":
        known = {s.id for s in catalog.services}
        return build_service_graph(catalog, identifier, base) if identifier in known else None
    uri = URIRef(f"{base}{kind}/{identifier}")
    whole = build_graph(catalog, base=base)
    if (uri, None, None) not in whole:
        return None
    described = whole.cbd(uri)
    for prefix, namespace in whole.namespaces():
        described.bind(prefix, namespace)
    return described


def event_out(catalog: Catalog, event: Event, language: str) -> EventOut:
    return EventOut(
        id=event.id,
        kind=event.kind,
        name=browse.localise(event.name, language),
        description=browse.localise(event.description, language),
        eu_type=event.eu_type,
        services=[s.id for s in browse.services_of_event(catalog, event.id)],
        uri=str(Uris(services.id_base()).event(event.id)),
    )


def service_out(catalog: Catalog, service: Service, language: str) -> ServiceOut:
    evidence = {e.id: e for e in catalog.evidence_types}
    laws = {r.id: r for r in catalog.legal_resources}

    def text(language_map: dict[str, str]) -> str:
        return browse.localise(language_map, language)

    return ServiceOut(
        id=service.id,
        name=text(service.name),
        description=text(service.description),
        mode=service.mode,
        events=list(service.events),
        authorities=list(service.authorities),
        channels=list(service.channels),
        level_of_assurance=service.eid.loa if service.eid else None,
        eid_means=list(service.eid.means) if service.eid else [],
        steps=[text(step) for step in service.steps],
        requirements=[
            RequirementOut(name=text(r.name), evidence=[text(evidence[e].name) for e in r.evidence])
            for r in service.requirements
        ],
        costs=[
            CostOut(amount=c.amount, currency=c.currency, description=text(c.description))
            for c in service.costs
        ],
        processing_time=service.processing_time,
        deadline=text(service.deadline),
        output=text(service.output.name),
        legal_resources=[
            LegalResourceOut(id=i, title=text(laws[i].title), uri=laws[i].uri)
            for i in service.legal_resources
        ],
        updated=service.updated.isoformat(),
        uri=str(Uris(services.id_base()).service(service.id)),
    )
