# SPDX-License-Identifier: EUPL-1.2
"""Export → import → export gives an isomorphic graph; bad input gives violations."""

from __future__ import annotations

import dataclasses
import json

import pytest
from rdflib import DCTERMS as DCT
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from lifegate.catalog.cpsv import (
    Catalog,
    build_graph,
    build_service_graph,
    graph_to_content,
    import_rdf,
    parse_rdf,
    serialise,
    to_jsonld,
)
from lifegate.catalog.cpsv.vocab import CV

FORMATS = ["turtle", "json-ld"]


@pytest.mark.parametrize("rdf_format", FORMATS)
def test_exporting_importing_and_exporting_the_catalog_gives_an_isomorphic_graph(
    catalog_graph: Graph, rdf_format
):
    imported = graph_to_content(parse_rdf(serialise(catalog_graph, rdf_format), rdf_format))

    assert isomorphic(build_graph(imported), catalog_graph)


@pytest.mark.parametrize("rdf_format", FORMATS)
def test_a_single_service_round_trips(catalog: Catalog, rdf_format):
    graph = build_service_graph(catalog, "kinderbijslag")

    imported = graph_to_content(parse_rdf(serialise(graph, rdf_format), rdf_format))

    assert [s.id for s in imported.services] == ["kinderbijslag"]
    assert isomorphic(build_graph(imported), graph)


@pytest.mark.parametrize("rdf_format", FORMATS)
def test_importing_the_export_gives_back_the_same_catalog(
    catalog: Catalog, catalog_graph, rdf_format
):
    result = import_rdf(serialise(catalog_graph, rdf_format), rdf_format)

    assert result.violations == ()
    assert result.catalog is not None
    assert {s.id for s in result.catalog.services} == {s.id for s in catalog.services}
    assert isomorphic(build_graph(result.catalog), catalog_graph)


def test_a_graph_under_another_base_uri_imports_the_same_content(catalog: Catalog):
    graph = build_graph(catalog, base="https://services.example.eu/id/")

    imported = graph_to_content(graph)

    assert isomorphic(build_graph(imported), build_graph(catalog))


def test_each_service_follows_the_rule_named_after_its_rules_engine_id(catalog_graph: Graph):
    service = URIRef("http://127.0.0.1:8000/id/service/kinderbijslag")

    rules = list(catalog_graph.objects(service, URIRef("http://purl.org/vocab/cpsv#follows")))

    assert rules == [URIRef("http://127.0.0.1:8000/id/rule/kinderbijslag")]


def test_the_json_ld_uses_the_compact_context(catalog: Catalog):
    document = json.loads(to_jsonld(build_service_graph(catalog, "aow")))

    assert document["@context"]["cpsv"] == "http://purl.org/vocab/cpsv#"
    assert "@graph" in document


@pytest.mark.parametrize(
    ("data", "rdf_format"),
    [
        ("@prefix ex: <http://example.org/> . ex:a ex:b", "turtle"),
        ("this is not turtle at all {", "turtle"),
        ('{"@context": {"ex": "http://example.org/"}, "@id": ', "json-ld"),
    ],
)
def test_importing_invalid_rdf_returns_a_violation_instead_of_raising(data, rdf_format):
    result = import_rdf(data, rdf_format)

    assert result.catalog is None
    assert len(result.violations) == 1
    assert result.violations[0].message.startswith(f"not valid {rdf_format}")


def test_importing_a_graph_that_violates_the_shapes_lists_node_and_property(catalog: Catalog):
    graph = build_service_graph(catalog, "aow")
    service = URIRef("http://127.0.0.1:8000/id/service/aow")
    graph.remove((service, CV.hasCompetentAuthority, None))

    result = import_rdf(serialise(graph, "turtle"), "turtle")

    assert result.catalog is None
    assert (str(service), "cv:hasCompetentAuthority") in {
        (v.focus, v.path) for v in result.violations
    }


def test_a_third_language_travels_through_export_and_import_without_a_schema_change(
    catalog: Catalog,
):
    service = next(s for s in catalog.services if s.id == "kinderbijslag")
    german = dataclasses.replace(service, name={**service.name, "de": "Kindergeld"})
    graph = build_service_graph(dataclasses.replace(catalog, services=(german,)), "kinderbijslag")

    imported = graph_to_content(parse_rdf(serialise(graph, "turtle"), "turtle"))

    assert Literal("Kindergeld", lang="de") in set(graph.objects(None, DCT.title))
    assert imported.services[0].name == {
        "nl": "Kinderbijslag",
        "en": "Child benefit",
        "de": "Kindergeld",
    }
