# SPDX-License-Identifier: EUPL-1.2
"""CPSV-AP public service nodes → `Service` values (the import side of service_graph)."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from lifegate.catalog.cpsv import vocab
from lifegate.catalog.cpsv.model import Cost, Eid, LangText, Output, Requirement, Service
from lifegate.catalog.cpsv.reading import (
    GraphContentError,
    as_date,
    identifier,
    instances,
    lookup,
    notation,
    numbered,
    text,
    value,
)
from lifegate.catalog.cpsv.vocab import CPSV, CV, LG

_LOA_URIS = set(vocab.LEVELS_OF_ASSURANCE.values())


def read_services(graph: Graph) -> tuple[Service, ...]:
    """Every cpsv:PublicService in the graph, in identifier order."""
    return tuple(_service(graph, node) for node in instances(graph, CPSV.PublicService))


def _ids(graph: Graph, node: Node, predicate: str) -> tuple[str, ...]:
    return tuple(sorted(identifier(graph, o) for o in graph.objects(node, CV[predicate])))


def _one(graph: Graph, node: Node, predicate: URIRef) -> Node:
    found: Node | None = graph.value(node, predicate)
    if found is None:
        raise GraphContentError(node, str(predicate), "is missing")
    return found


def _service(graph: Graph, node: Node) -> Service:
    requirements = list(graph.objects(node, CV.holdsRequirement))
    eid = [r for r in requirements if str(graph.value(r, DCTERMS.type)) in _LOA_URIS]
    output = _one(graph, node, CPSV.produces)
    return Service(
        id=identifier(graph, node),
        name=text(graph, node, DCTERMS.title),
        description=text(graph, node, DCTERMS.description),
        authorities=_authorities(graph, node),
        events=_ids(graph, node, "isGroupedBy"),
        mode=notation(graph, graph.value(node, CV.isClassifiedBy)),
        contact_points=_ids(graph, node, "contactPoint"),
        channels=_channels(graph, node),
        steps=_steps(graph, node),
        requirements=tuple(
            _requirement(graph, r) for r in numbered(graph, requirements) if r not in eid
        ),
        costs=tuple(_cost(graph, c) for c in numbered(graph, graph.objects(node, CV.hasCost))),
        processing_time=value(graph, node, CV.processingTime),
        deadline=text(graph, node, LG.deadline),
        redress=_redress(graph, node),
        legal_resources=_ids(graph, node, "hasLegalResource"),
        output=Output(text(graph, output, DCTERMS.title), text(graph, output, DCTERMS.description)),
        updated=as_date(graph, node, DCTERMS.modified),
        eid=_eid(graph, eid[0]) if eid else None,
    )


def _redress(graph: Graph, node: Node) -> str:
    """The redress id, or "" in a plain CPSV-AP catalog (the service is then incomplete)."""
    found = graph.value(node, LG.redress)
    return "" if found is None else identifier(graph, found)


def _authorities(graph: Graph, node: Node) -> tuple[str, ...]:
    """Competent authorities, the one that defines the costs first (the exporter's order)."""
    authorities = sorted(_ids(graph, node, "hasCompetentAuthority"))
    definers = [graph.value(c, CV.isDefinedBy) for c in graph.objects(node, CV.hasCost)]
    first = [identifier(graph, d) for d in definers if d is not None][:1]
    return tuple(first + [a for a in authorities if a not in first])


def _channels(graph: Graph, node: Node) -> tuple[str, ...]:
    kinds = {
        notation(graph, graph.value(c, DCTERMS.type)) for c in graph.objects(node, CV.hasChannel)
    }
    return tuple(code.notation for code in vocab.CHANNELS if code.notation in kinds)


def _steps(graph: Graph, node: Node) -> tuple[LangText, ...]:
    steps = sorted(graph.objects(node, LG.step), key=lambda s: int(value(graph, s, LG.order)))
    return tuple(text(graph, step, DCTERMS.description) for step in steps)


def _requirement(graph: Graph, node: Node) -> Requirement:
    evidence = (
        graph.value(e, DCTERMS.conformsTo) for e in graph.objects(node, CV.hasSupportingEvidence)
    )
    return Requirement(
        name=text(graph, node, DCTERMS.title),
        evidence=tuple(sorted(identifier(graph, e) for e in evidence if e is not None)),
    )


def _cost(graph: Graph, node: Node) -> Cost:
    return Cost(
        amount=float(value(graph, node, CV.hasValue)),
        currency=lookup(vocab.CURRENCIES, graph.value(node, CV.currency), node, "cv:currency"),
        description=text(graph, node, DCTERMS.description),
    )


def _eid(graph: Graph, node: Node) -> Eid:
    loa = lookup(vocab.LEVELS_OF_ASSURANCE, graph.value(node, DCTERMS.type), node, "dct:type")
    means = {
        notation(graph, graph.value(e, DCTERMS.type))
        for e in graph.objects(node, CV.hasSupportingEvidence)
    }
    return Eid(loa, tuple(code.notation for code in vocab.EID_MEANS if code.notation in means))
