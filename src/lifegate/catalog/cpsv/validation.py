# SPDX-License-Identifier: EUPL-1.2
"""SHACL validation (official CPSV-AP 3.2 shapes and our SDG profile) and checked import.

pyshacl runs without inference: the graph itself carries every type the shapes check
(`a cv:Event, cv:LifeEvent`, `a org:Organization`, typed concepts), so RDFS reasoning is
not needed and a full-catalog validation takes seconds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SH

from lifegate.catalog.cpsv.graph import new_graph
from lifegate.catalog.cpsv.model import Catalog
from lifegate.catalog.cpsv.reading import GraphContentError
from lifegate.catalog.cpsv.reverse import graph_to_content
from lifegate.catalog.cpsv.serialise import Format, parse_rdf
from lifegate.catalog.cpsv.vocab import CPSV

PROFILE_PATH = Path(__file__).resolve().parent / "sdg-profile.ttl"
OFFICIAL_SHAPES_PATH = (
    Path(__file__).resolve().parents[4] / "standards/cpsv-ap-3.2.0/cpsv-ap-SHACL.ttl"
)
"""The SEMIC shapes, vendored in the repository's ``standards/`` folder (CC BY 4.0)."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result (or parse error): which node, which property, and why."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """The catalog read from RDF, or the violations that stopped the import."""

    catalog: Catalog | None
    violations: tuple[Violation, ...]
    incomplete: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Service id → the SDG items (properties) it lacks: imported, but not complete."""


_NAMES = new_graph().namespace_manager


@functools.cache
def load_shapes(path: Path) -> Graph:
    """A shapes graph, parsed once per process."""
    return Graph().parse(path, format="turtle")


def official_shapes() -> Graph:
    return load_shapes(OFFICIAL_SHAPES_PATH)


def profile_shapes() -> Graph:
    return load_shapes(PROFILE_PATH)


def validate(graph: Graph, shapes: Graph) -> list[Violation]:
    """Every result of validating `graph` against `shapes` (empty when it conforms)."""
    _, results, _ = shacl_validate(
        data_graph=graph, shacl_graph=shapes, inference="none", allow_warnings=False
    )
    return sorted(_results(results), key=lambda v: (v.focus, v.path, v.message))


def validate_all(graph: Graph) -> list[Violation]:
    """Violations of the official CPSV-AP shapes followed by those of our SDG profile."""
    return validate(graph, official_shapes()) + validate(graph, profile_shapes())


def import_rdf(data: str | bytes, rdf_format: Format) -> ImportResult:
    """Parse, validate and read a CPSV-AP catalog; on any problem, no catalog and the list."""
    try:
        graph = parse_rdf(data, rdf_format)
    except Exception as error:  # every parser error becomes a report, not a crash
        return ImportResult(None, (Violation("", "", f"not valid {rdf_format}: {error}"),))
    violations = validate(graph, official_shapes())
    if violations:
        return ImportResult(None, tuple(violations))
    gaps = validate(graph, profile_shapes())
    incomplete, unplaced = missing_sdg_items(graph, gaps)
    if unplaced:
        return ImportResult(None, tuple(unplaced))
    try:
        return ImportResult(graph_to_content(graph), (), incomplete)
    except GraphContentError as error:
        return ImportResult(None, (Violation(error.node, error.prop, error.message),))


def missing_sdg_items(
    graph: Graph, gaps: list[Violation]
) -> tuple[dict[str, tuple[str, ...]], list[Violation]]:
    """SDG-profile violations per service they concern (a plain CPSV-AP catalog lacks these),
    and those of nodes no service uses, which cannot be marked incomplete.
    """
    found: dict[str, set[str]] = {}
    unplaced = []
    for gap in gaps:
        owners = _services_using(graph, URIRef(gap.focus))
        if not owners:
            unplaced.append(gap)
        for owner in owners:
            found.setdefault(owner, set()).add(gap.path)
    return {s: tuple(sorted(paths)) for s, paths in sorted(found.items())}, unplaced


def _services_using(graph: Graph, node: URIRef) -> list[str]:
    seen, todo, owners = {node}, [node], []
    while todo:
        current = todo.pop()
        if (current, RDF.type, CPSV.PublicService) in graph:
            owners.append(str(graph.value(current, DCTERMS.identifier)))
            continue
        for subject in graph.subjects(None, current):
            if isinstance(subject, URIRef) and subject not in seen:
                seen.add(subject)
                todo.append(subject)
    return sorted(owners)


def _results(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        found.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path="" if path is None else _NAMES.normalizeUri(str(path)),
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return found
