# SPDX-License-Identifier: EUPL-1.2
"""Catalog content → CPSV-AP 3.2 RDF graph.

The graph types every code-list concept, language and location it points to
(`a skos:Concept`, `a dct:LinguisticSystem`, `a dct:Location`), because the official
SHACL shapes check `sh:class` against the data graph itself.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from lifegate.catalog.cpsv import vocab
from lifegate.catalog.cpsv.model import (
    Catalog,
    ContactPoint,
    Event,
    EvidenceType,
    LegalResource,
    Organisation,
    Redress,
    Service,
)
from lifegate.catalog.cpsv.service_graph import ServiceWriter, add_texts
from lifegate.catalog.cpsv.vocab import CPSV, CV, ELI, LG, LOCN, ORG, TIME, Uris

PREFIXES = {
    "cpsv": CPSV,
    "cv": CV,
    "dct": DCTERMS,
    "eli": ELI,
    "foaf": FOAF,
    "lg": LG,
    "locn": LOCN,
    "org": ORG,
    "skos": SKOS,
    "time": TIME,
    "xsd": XSD,
}


def new_graph() -> Graph:
    """An empty graph with the catalog's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def build_graph(catalog: Catalog, base: str = vocab.DEFAULT_BASE) -> Graph:
    """The whole catalog as a CPSV-AP 3.2 graph with stable URIs under `base`."""
    graph = new_graph()
    uris = Uris(base)
    _add_code_lists(graph, uris)
    for organisation in catalog.organisations:
        _add_organisation(graph, uris, organisation)
    for contact_point in catalog.contact_points:
        _add_contact_point(graph, uris, contact_point)
    for event in catalog.events:
        _add_event(graph, uris, event, catalog.services)
    for legal_resource in catalog.legal_resources:
        _add_legal_resource(graph, legal_resource)
    for evidence_type in catalog.evidence_types:
        _add_evidence_type(graph, uris, evidence_type)
    for redress in catalog.redress:
        _add_redress(graph, uris, redress)
    writer = ServiceWriter(graph, uris, catalog)
    for service in catalog.services:
        writer.add(service)
    return graph


def build_service_graph(catalog: Catalog, service_id: str, base: str = vocab.DEFAULT_BASE) -> Graph:
    """One service with everything it points to (authorities, events, laws, evidence)."""
    return build_graph(service_catalog(catalog, service_id), base)


def service_catalog(catalog: Catalog, service_id: str) -> Catalog:
    """The part of `catalog` one service needs; KeyError for an unknown service."""
    service = catalog.service(service_id)
    contact = [c for c in catalog.contact_points if c.id in service.contact_points]
    organisations = set(service.authorities) | {c.organisation for c in contact}
    evidence = {e for r in service.requirements for e in r.evidence}
    return replace(
        catalog,
        organisations=tuple(o for o in catalog.organisations if o.id in organisations),
        contact_points=tuple(contact),
        events=tuple(e for e in catalog.events if e.id in service.events),
        legal_resources=tuple(
            r for r in catalog.legal_resources if r.id in service.legal_resources
        ),
        evidence_types=tuple(e for e in catalog.evidence_types if e.id in evidence),
        redress=tuple(r for r in catalog.redress if r.id == service.redress),
        services=(service,),
    )


def _add_code_lists(graph: Graph, uris: Uris) -> None:
    for scheme, codes in vocab.CODE_LISTS.items():
        scheme_uri = uris.scheme(scheme)
        graph.add((scheme_uri, RDF.type, SKOS.ConceptScheme))
        for code in codes:
            concept = uris.concept(scheme, code.notation)
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.inScheme, scheme_uri))
            graph.add((concept, SKOS.notation, Literal(code.notation)))
            add_texts(graph, concept, SKOS.prefLabel, {"nl": code.nl, "en": code.en})
    for table in (vocab.CURRENCIES, vocab.LEVELS_OF_ASSURANCE):
        for value in table.values():
            graph.add((URIRef(value), RDF.type, SKOS.Concept))
    for language in vocab.LANGUAGES.values():
        graph.add((URIRef(language), RDF.type, DCTERMS.LinguisticSystem))
    for country in vocab.COUNTRIES.values():
        graph.add((URIRef(country), RDF.type, DCTERMS.Location))
    for code in vocab.EID_MEANS:
        means = uris("eid-means", code.notation)
        graph.add((means, RDF.type, CV.Evidence))
        graph.add((means, DCTERMS.identifier, Literal(code.notation)))
        graph.add((means, DCTERMS.type, uris.concept("eid-means", code.notation)))
        add_texts(graph, means, DCTERMS.title, {"nl": code.nl, "en": code.en})


def _add_organisation(graph: Graph, uris: Uris, organisation: Organisation) -> None:
    node = uris.organisation(organisation.id)
    for rdf_class in (CV.PublicOrganisation, ORG.Organization, FOAF.Agent):
        graph.add((node, RDF.type, rdf_class))
    graph.add((node, DCTERMS.identifier, Literal(organisation.id)))
    add_texts(graph, node, SKOS.prefLabel, organisation.name)
    add_texts(graph, node, DCTERMS.title, organisation.name)
    graph.add((node, DCTERMS.spatial, URIRef(vocab.COUNTRIES[organisation.country])))
    graph.add((node, ORG.classification, uris.concept("organisation-kind", organisation.kind)))
    graph.add((node, FOAF.homepage, URIRef(organisation.website)))
    graph.add((node, LG.email, Literal(organisation.email)))
    graph.add((node, LG.phone, Literal(organisation.phone)))
    if organisation.oin:
        graph.add((node, LG.oin, Literal(organisation.oin)))
    if organisation.municipality_code:
        graph.add((node, LG.municipalityCode, Literal(organisation.municipality_code)))


def _add_contact_point(graph: Graph, uris: Uris, contact: ContactPoint) -> None:
    node = uris("contact-point", contact.id)
    hours = uris("contact-point", contact.id, "hours")
    graph.add((node, RDF.type, CV.ContactPoint))
    graph.add((node, DCTERMS.identifier, Literal(contact.id)))
    graph.add((uris.organisation(contact.organisation), CV.contactPoint, node))
    graph.add((node, CV.telephone, Literal(contact.phone)))
    graph.add((node, CV.email, Literal(contact.email)))
    graph.add((node, CV.contactPage, URIRef(contact.page)))
    graph.add((URIRef(contact.page), RDF.type, FOAF.Document))
    graph.add((node, CV.openingHours, hours))
    graph.add((hours, RDF.type, TIME.TemporalEntity))
    add_texts(graph, hours, DCTERMS.description, contact.hours)


def _add_event(graph: Graph, uris: Uris, event: Event, services: tuple[Service, ...]) -> None:
    node = uris.event(event.id)
    life = event.kind == "life"
    graph.add((node, RDF.type, CV.Event))
    graph.add((node, RDF.type, CV.LifeEvent if life else CV.BusinessEvent))
    graph.add((node, DCTERMS.identifier, Literal(event.id)))
    add_texts(graph, node, DCTERMS.title, event.name)
    add_texts(graph, node, DCTERMS.description, event.description)
    concept = URIRef(event.eu_type)
    scheme = URIRef(vocab.LIFE_EVENT_SCHEME if life else vocab.BUSINESS_EVENT_SCHEME)
    graph.add((node, DCTERMS.type, concept))
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    add_texts(graph, concept, SKOS.prefLabel, event.eu_type_label)
    if event.eu_type_verify:
        graph.add((concept, LG.verify, Literal(True)))
    for service in services:
        if event.id in service.events:
            graph.add((node, CV.hasRelatedService, uris.service(service.id)))


def _add_legal_resource(graph: Graph, resource: LegalResource) -> None:
    node = URIRef(resource.uri)
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, DCTERMS.identifier, Literal(resource.id)))
    graph.add((node, ELI.id_local, Literal(resource.local_id)))
    add_texts(graph, node, DCTERMS.title, resource.title)
    if resource.verify:
        graph.add((node, LG.verify, Literal(True)))


def _add_evidence_type(graph: Graph, uris: Uris, evidence_type: EvidenceType) -> None:
    node = uris("evidence-type", evidence_type.id)
    graph.add((node, RDF.type, CV.EvidenceType))
    graph.add((node, DCTERMS.identifier, Literal(evidence_type.id)))
    add_texts(graph, node, DCTERMS.title, evidence_type.name)
    add_texts(graph, node, DCTERMS.description, evidence_type.description)


def _add_redress(graph: Graph, uris: Uris, redress: Redress) -> None:
    node = uris("redress", redress.id)
    graph.add((node, RDF.type, LG.Redress))
    graph.add((node, DCTERMS.identifier, Literal(redress.id)))
    add_texts(graph, node, LG.objection, redress.objection)
    add_texts(graph, node, LG.noResponse, redress.no_response)
