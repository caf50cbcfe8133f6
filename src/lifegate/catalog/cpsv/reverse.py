# SPDX-License-Identifier: EUPL-1.2
"""CPSV-AP graph → catalog content, for import.

Reads entries by their `dct:identifier` and code-list notations, not by the shape of
their URIs, so a graph exported under another base URI imports the same. Values the
exporter derives (rule texts, spatial coverage, languages) are not read back.
"""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS
from rdflib.term import Node

from lifegate.catalog.cpsv import vocab
from lifegate.catalog.cpsv.model import (
    Catalog,
    ContactPoint,
    Event,
    EvidenceType,
    LegalResource,
    Organisation,
    Redress,
)
from lifegate.catalog.cpsv.reading import (
    GraphContentError,
    identifier,
    instances,
    lookup,
    notation,
    optional,
    text,
    value,
)
from lifegate.catalog.cpsv.reverse_service import read_services
from lifegate.catalog.cpsv.vocab import CV, ELI, LG, ORG


def graph_to_content(graph: Graph) -> Catalog:
    """The catalog a CPSV-AP graph describes; GraphContentError when something is missing."""
    return Catalog(
        organisations=tuple(
            _organisation(graph, n) for n in instances(graph, CV.PublicOrganisation)
        ),
        contact_points=tuple(_contact_point(graph, n) for n in instances(graph, CV.ContactPoint)),
        events=tuple(_event(graph, n) for n in instances(graph, CV.Event)),
        legal_resources=tuple(_law(graph, n) for n in instances(graph, ELI.LegalResource)),
        evidence_types=tuple(
            EvidenceType(
                identifier(graph, n),
                text(graph, n, DCTERMS.title),
                text(graph, n, DCTERMS.description),
            )
            for n in instances(graph, CV.EvidenceType)
        ),
        redress=tuple(
            Redress(
                identifier(graph, n), text(graph, n, LG.objection), text(graph, n, LG.noResponse)
            )
            for n in instances(graph, LG.Redress)
        ),
        services=read_services(graph),
    )


def _organisation(graph: Graph, node: Node) -> Organisation:
    return Organisation(
        id=identifier(graph, node),
        kind=notation(graph, graph.value(node, ORG.classification)),
        country=lookup(vocab.COUNTRIES, graph.value(node, DCTERMS.spatial), node, "dct:spatial"),
        name=text(graph, node, SKOS.prefLabel),
        website=value(graph, node, FOAF.homepage),
        email=optional(graph, node, LG.email) or _contact(graph, node, CV.email),
        phone=optional(graph, node, LG.phone) or _contact(graph, node, CV.telephone),
        oin=optional(graph, node, LG.oin),
        municipality_code=optional(graph, node, LG.municipalityCode),
    )


def _contact(graph: Graph, organisation: Node, predicate: URIRef) -> str:
    """A plain CPSV-AP organisation has its e-mail and phone on its contact point."""
    points = sorted(graph.objects(organisation, CV.contactPoint), key=str)
    return next((optional(graph, p, predicate) for p in points if graph.value(p, predicate)), "")


def _contact_point(graph: Graph, node: Node) -> ContactPoint:
    owners = [
        o
        for o in graph.subjects(CV.contactPoint, node)
        if (o, RDF.type, CV.PublicOrganisation) in graph
    ]
    if not owners:
        raise GraphContentError(node, "cv:contactPoint", "no organisation has this contact point")
    hours = graph.value(node, CV.openingHours)
    return ContactPoint(
        id=identifier(graph, node),
        organisation=identifier(graph, owners[0]),
        phone=value(graph, node, CV.telephone),
        email=value(graph, node, CV.email),
        page=value(graph, node, CV.contactPage),
        hours={} if hours is None else text(graph, hours, DCTERMS.description),
    )


def _event(graph: Graph, node: Node) -> Event:
    concept = graph.value(node, DCTERMS.type)
    if concept is None:
        raise GraphContentError(node, "dct:type", "is missing")
    return Event(
        id=identifier(graph, node),
        kind="life" if (node, RDF.type, CV.LifeEvent) in graph else "business",
        name=text(graph, node, DCTERMS.title),
        description=text(graph, node, DCTERMS.description),
        eu_type=str(concept),
        eu_type_label=text(graph, concept, SKOS.prefLabel),
        eu_type_verify=bool(graph.value(concept, LG.verify)),
    )


def _law(graph: Graph, node: Node) -> LegalResource:
    return LegalResource(
        id=identifier(graph, node),
        uri=str(node),
        local_id=value(graph, node, ELI.id_local),
        title=text(graph, node, DCTERMS.title),
        verify=bool(graph.value(node, LG.verify)),
    )
