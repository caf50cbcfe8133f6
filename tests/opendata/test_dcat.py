# SPDX-License-Identifier: EUPL-1.2
"""The DCAT-AP 3 catalogue validates against the official DCAT-AP 3.0.1 and HVD shapes."""

import datetime as dt
import warnings

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SH

from lifegate.opendata import services
from lifegate.opendata.catalogue import HVD_REGULATION, HVD_STATISTICS, LICENCE
from lifegate.opendata.dcat import DCATAP, SPDX, build_catalog
from lifegate.opendata.publishing import publish
from tests.opendata.conftest import TODAY, shapes

pytestmark = pytest.mark.django_db
SHAPES = ["dcat-ap-3.0.1/dcat-ap-SHACL.ttl", "dcat-ap-hvd-3.0.0/hvd-SHACL.ttl"]


def _violations(graph: Graph, relative: str) -> list[str]:
    _, report, _ = validate(graph, shacl_graph=shapes(relative), inference="none")
    return [
        f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
        f"{report.value(r, SH.resultMessage)}"
        for r in report.subjects(SH.resultSeverity, SH.Violation)
    ]


def _parse(data: bytes, rdf_format: str) -> Graph:
    graph = Graph()
    with warnings.catch_warnings():
        # rdflib's own JSON-LD parser calls its deprecated ConjunctiveGraph API; the
        # warning is about rdflib internals, not about this call.
        warnings.simplefilter("ignore", DeprecationWarning)
        graph.parse(data=data, format=rdf_format)
    return graph


@pytest.fixture
def published(home, small_synthetic):
    publish("2025-05", activity=small_synthetic, today=TODAY)
    publish("2025-06", activity=small_synthetic, today=TODAY)


@pytest.mark.parametrize("relative", SHAPES)
@pytest.mark.parametrize("rdf_format", ["turtle", "json-ld"])
def test_the_served_catalogue_has_zero_violations(client, published, relative, rdf_format):
    suffix = "ttl" if rdf_format == "turtle" else "jsonld"
    response = client.get(f"/api/v1/opendata/catalog.{suffix}")

    graph = _parse(response.content, rdf_format)

    assert response.status_code == 200
    assert len(graph) > 200
    assert _violations(graph, relative) == []


@pytest.mark.parametrize("relative", SHAPES)
def test_an_empty_catalogue_also_conforms(home, relative):
    graph = build_catalog(services.datasets(), services.publisher())

    assert _violations(graph, relative) == []


def test_the_shapes_do_catch_a_distribution_without_its_access_url(published):
    graph = build_catalog(services.datasets(), services.publisher())
    graph.remove((None, DCAT.accessURL, None))

    assert any("accessURL" in v for v in _violations(graph, SHAPES[0]))


def test_every_distribution_carries_the_hvd_and_file_properties(published):
    graph = build_catalog(services.datasets(), services.publisher())

    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 3 * 2 * 2  # tables x months x (CSV, Parquet)
    for node in distributions:
        assert (node, DCATAP.applicableLegislation, URIRef(HVD_REGULATION)) in graph
        assert (node, DCTERMS.license, URIRef(LICENCE)) in graph
        assert graph.value(node, DCAT.downloadURL) is not None
        assert graph.value(node, DCAT.accessURL) is not None
        assert graph.value(node, DCAT.mediaType) is not None
        assert int(str(graph.value(node, DCAT.byteSize))) > 0
        descriptions = [str(d) for d in graph.objects(node, DCTERMS.description)]
        assert any(d.endswith("differential privacy, ε = 5.") for d in descriptions)
        checksum = graph.value(node, SPDX.checksum)
        assert len(str(graph.value(checksum, SPDX.checksumValue))) == 64
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        assert (dataset, DCATAP.hvdCategory, URIRef(HVD_STATISTICS)) in graph
        period = graph.value(dataset, DCTERMS.temporal)
        assert graph.value(period, DCAT.startDate) == Literal(dt.date(2025, 5, 1))
        assert graph.value(period, DCAT.endDate) == Literal(dt.date(2025, 6, 30))
        assert graph.value(dataset, DCTERMS.spatial) is not None
        assert graph.value(dataset, DCAT.contactPoint) is not None
        assert graph.value(dataset, DCTERMS.publisher) is not None
