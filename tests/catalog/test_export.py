# SPDX-License-Identifier: EUPL-1.2
"""The catalog exported from the database conforms to CPSV-AP 3.2 and our SDG profile."""

import pytest
from rdflib.compare import isomorphic

from lifegate.catalog.cpsv import official_shapes, parse_rdf, profile_shapes, validate

pytestmark = pytest.mark.django_db

EXPORTS = [("/api/v1/catalog/cpsv-ap.ttl", "turtle"), ("/api/v1/catalog/cpsv-ap.jsonld", "json-ld")]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "rdf_format"), EXPORTS)
def test_the_full_exported_catalog_has_no_shape_violations(seeded, client, path, rdf_format):
    response = client.get(path)

    graph = parse_rdf(response.content, rdf_format)
    assert response.status_code == 200
    assert validate(graph, official_shapes()) == []
    assert validate(graph, profile_shapes()) == []
    assert len(set(graph.subjects())) > 500


def test_both_formats_say_the_same(seeded, client):
    turtle = parse_rdf(client.get(EXPORTS[0][0]).content, "turtle")
    jsonld = parse_rdf(client.get(EXPORTS[1][0]).content, "json-ld")

    assert isomorphic(turtle, jsonld)


@pytest.mark.parametrize(
    ("suffix", "media"), [("ttl", "text/turtle"), ("jsonld", "application/ld+json")]
)
def test_one_service_is_exported_on_its_own(seeded, client, suffix, media):
    response = client.get(f"/api/v1/catalog/services/kinderbijslag/cpsv-ap.{suffix}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(media)
    assert b"kinderbijslag" in response.content
    assert b"aangifte-geboorte" not in response.content


def test_an_unknown_service_is_a_problem_404(seeded, client):
    response = client.get("/api/v1/catalog/services/nope/cpsv-ap.ttl")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("accept", "status", "media"),
    [("text/turtle", 200, "text/turtle"), ("application/ld+json", 200, "application/ld+json"),
     ("text/html,application/xhtml+xml", 303, None),
     ("text/html;q=0.5, text/turtle", 200, "text/turtle")],
)  # fmt: skip
def test_a_resource_uri_answers_by_content_negotiation(seeded, client, accept, status, media):
    response = client.get("/id/service/kinderbijslag", HTTP_ACCEPT=accept)

    assert response.status_code == status
    assert "Accept" in response["Vary"].split(", ")
    if media:
        assert response["Content-Type"].startswith(media)
    else:
        assert response["Location"] == "/nl/diensten/kinderbijslag"


@pytest.mark.parametrize("uri", ["/id/event/birth", "/id/organisation/svb"])
def test_events_and_organisations_resolve_to_their_description(seeded, client, uri):
    response = client.get(uri, HTTP_ACCEPT="text/turtle")

    graph = parse_rdf(response.content, "turtle")
    assert response.status_code == 200
    assert any(str(s).endswith(uri[3:]) for s in graph.subjects())


def test_an_unknown_resource_is_not_found(seeded, client):
    assert client.get("/id/service/nope", HTTP_ACCEPT="text/turtle").status_code == 404
