# SPDX-License-Identifier: EUPL-1.2
"""Turtle and JSON-LD in and out, with a compact JSON-LD context of the catalog prefixes."""

from __future__ import annotations

import warnings
from typing import Literal as Choice

from rdflib import Graph

from lifegate.catalog.cpsv.graph import PREFIXES, new_graph

Format = Choice["turtle", "json-ld"]
MEDIA_TYPES: dict[str, Format] = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
}
CONTEXT: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
"""The JSON-LD context: the catalog's prefixes, so terms read as ``dct:title``."""


def to_turtle(graph: Graph) -> str:
    return graph.serialize(format="turtle")


def to_jsonld(graph: Graph) -> str:
    return graph.serialize(format="json-ld", context=CONTEXT, auto_compact=True, indent=2)


def serialise(graph: Graph, rdf_format: Format) -> str:
    """The graph as Turtle or JSON-LD text."""
    return to_turtle(graph) if rdf_format == "turtle" else to_jsonld(graph)


def parse_rdf(data: str | bytes, rdf_format: Format) -> Graph:
    """A graph from Turtle or JSON-LD; raises the parser's exception on invalid input."""
    graph = new_graph()
    with warnings.catch_warnings():
        # rdflib 7.6's own JSON-LD parser calls its deprecated ConjunctiveGraph API; the
        # warning is about rdflib internals, not about this call.
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=data, format=rdf_format)
    return graph
