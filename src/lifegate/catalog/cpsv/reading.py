# SPDX-License-Identifier: EUPL-1.2
"""Small readers for RDF graphs: language maps, single values, code-list notations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from lifegate.catalog.cpsv.model import LangText


class GraphContentError(ValueError):
    """The graph lacks something the catalog needs (raised with the node and property)."""

    def __init__(self, node: Node, prop: str, message: str) -> None:
        super().__init__(f"{node}: {prop}: {message}")
        self.node = str(node)
        self.prop = prop
        self.message = message


def text(graph: Graph, node: Node, predicate: URIRef) -> LangText:
    """The language-tagged literals of one property as a language map."""
    return {
        o.language: str(o)
        for o in graph.objects(node, predicate)
        if isinstance(o, Literal) and o.language
    }


def value(graph: Graph, node: Node, predicate: URIRef) -> str:
    """The one value of a property as a string; GraphContentError when absent."""
    found = graph.value(node, predicate)
    if found is None:
        raise GraphContentError(node, graph.qname(predicate), "is missing")
    return str(found)


def optional(graph: Graph, node: Node, predicate: URIRef) -> str:
    found = graph.value(node, predicate)
    return "" if found is None else str(found)


def identifier(graph: Graph, node: Node) -> str:
    return value(graph, node, DCTERMS.identifier)


def notation(graph: Graph, concept: Node | None) -> str:
    """The `skos:notation` of one of our code-list concepts."""
    if concept is None:
        raise GraphContentError(URIRef(""), "skos:notation", "concept is missing")
    return value(graph, concept, SKOS.notation)


def lookup(table: dict[str, str], uri: Node | None, node: Node, prop: str) -> str:
    """The key of `table` whose URI is `uri` (a reverse code-list lookup)."""
    for key, candidate in table.items():
        if candidate == str(uri):
            return key
    raise GraphContentError(node, prop, f"unknown code {uri}")


def numbered(graph: Graph, nodes: Iterable[Node]) -> list[Node]:
    """Nodes ordered by the number their identifier ends with (…-requirement-2)."""

    def number(node: Node) -> int:
        match = re.search(r"(\d+)$", identifier(graph, node))
        return int(match.group(1)) if match else 0

    return sorted(nodes, key=number)


def instances(graph: Graph, rdf_class: URIRef) -> list[Node]:
    """Every node of a class, in identifier order."""
    return sorted(graph.subjects(RDF.type, rdf_class), key=lambda n: identifier(graph, n))


def as_date(graph: Graph, node: Node, predicate: URIRef) -> dt.date:
    found = graph.value(node, predicate)
    if not isinstance(found, Literal) or not isinstance(found.toPython(), dt.date):
        raise GraphContentError(node, graph.qname(predicate), "must be an xsd:date")
    result: dt.date = found.toPython()
    return result
