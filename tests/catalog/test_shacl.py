# SPDX-License-Identifier: EUPL-1.2
"""The exported catalog conforms to the official CPSV-AP 3.2 shapes and to our SDG profile."""

from __future__ import annotations

import time

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from lifegate.catalog.cpsv import (
    Catalog,
    build_service_graph,
    load_catalog,
    official_shapes,
    profile_shapes,
    validate,
)
from lifegate.catalog.cpsv.vocab import CPSV, CV, LG

AOW = URIRef("http://127.0.0.1:8000/id/service/aow")


def test_the_whole_catalog_has_no_violations_of_the_official_cpsv_ap_shapes(catalog_graph):
    assert [str(v) for v in validate(catalog_graph, official_shapes())] == []


def test_the_whole_catalog_has_no_violations_of_the_sdg_profile(catalog_graph):
    assert [str(v) for v in validate(catalog_graph, profile_shapes())] == []


def test_validating_the_whole_catalog_takes_seconds_not_minutes(catalog_graph):
    official_shapes(), profile_shapes()
    started = time.perf_counter()

    validate(catalog_graph, official_shapes())
    validate(catalog_graph, profile_shapes())

    assert time.perf_counter() - started < 20


def _service_ids() -> list[str]:
    return [s.id for s in load_catalog().services]


@pytest.mark.parametrize("service_id", _service_ids())
def test_each_service_alone_conforms_to_both_shapes(catalog: Catalog, service_id: str):
    graph = build_service_graph(catalog, service_id)

    violations = validate(graph, official_shapes()) + validate(graph, profile_shapes())

    assert [str(v) for v in violations] == []


def _without(graph: Graph, predicate: URIRef, node: URIRef = AOW) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    copy.remove((node, predicate, None))
    return copy


@pytest.mark.parametrize(
    ("predicate", "path"),
    [
        (CV.hasCompetentAuthority, "cv:hasCompetentAuthority"),
        (CV.contactPoint, "cv:contactPoint"),
        (CV.hasChannel, "cv:hasChannel"),
        (CV.hasCost, "cv:hasCost"),
        (CV.processingTime, "cv:processingTime"),
        (LG.deadline, "lg:deadline"),
        (LG.redress, "lg:redress"),
        (CV.hasLegalResource, "cv:hasLegalResource"),
        (CV.holdsRequirement, "cv:holdsRequirement"),
        (CPSV.follows, "cpsv:follows"),
        (CPSV.produces, "cpsv:produces"),
        (CV.isGroupedBy, "cv:isGroupedBy"),
        (LG.step, "lg:step"),
        (DCTERMS.modified, "dct:modified"),
        (DCTERMS.language, "dct:language"),
        (DCTERMS.description, "dct:description"),
    ],
)
def test_the_profile_reports_a_service_missing_an_sdg_item(catalog_graph, predicate, path):
    violations = validate(_without(catalog_graph, predicate), profile_shapes())

    assert any(v.focus == str(AOW) and v.path == path for v in violations), violations


def test_the_profile_reports_a_service_without_its_english_name(catalog_graph):
    graph = _without(catalog_graph, DCTERMS.title)
    graph.add((AOW, DCTERMS.title, Literal("AOW-pensioen", lang="nl")))

    violations = validate(graph, profile_shapes())

    assert any(v.path == "dct:title" and "English" in v.message for v in violations)


def test_the_profile_reports_a_service_without_eid_means(catalog_graph):
    eid = URIRef(str(AOW) + "/requirement/eid")
    graph = _without(catalog_graph, CV.holdsRequirement)
    graph.add((AOW, CV.holdsRequirement, URIRef(str(AOW) + "/requirement/1")))
    assert (AOW, CV.holdsRequirement, eid) not in graph

    violations = validate(graph, profile_shapes())

    assert any(v.focus == str(AOW) and "eID" in v.message for v in violations)


def test_the_official_shapes_report_a_service_without_a_competent_authority(catalog_graph):
    violations = validate(_without(catalog_graph, CV.hasCompetentAuthority), official_shapes())

    assert [v.path for v in violations if v.focus == str(AOW)] == ["cv:hasCompetentAuthority"]
