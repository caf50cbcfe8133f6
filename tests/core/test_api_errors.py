# SPDX-License-Identifier: EUPL-1.2
"""Every answer under /api/ is problem+json on failure and carries API-Version."""

import json

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _problem(response):
    assert response["Content-Type"].startswith(PROBLEM)
    return json.loads(response.content)


def test_health_answers_ok_with_the_database_vendor_and_version_header(client):
    response = client.get("/api/v1/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == connection.vendor
    assert response["API-Version"] == "1.0.0"


def test_health_answers_503_problem_when_the_database_fails(client):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse):
        response = client.get("/api/v1/health")

    assert response.status_code == 503
    assert "DATABASE_URL" in _problem(response)["detail"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/health/extra", "/api/v2/health"])
def test_an_unknown_api_path_is_a_404_problem_never_an_html_page(client, path):
    response = client.get(path)

    body = _problem(response)
    assert response.status_code == 404
    assert body["type"] == "urn:lifegate:problem:not-found"
    assert body["status"] == 404


def test_a_wrong_method_is_a_405_problem_with_allow(client):
    response = client.delete("/api/v1/health")

    assert response.status_code == 405
    assert _problem(response)["type"] == "urn:lifegate:problem:method-not-allowed"
    assert "GET" in response["Allow"]


@pytest.mark.urls("tests.core.api_for_tests")
def test_a_bad_query_parameter_is_a_400_problem_naming_the_parameter(client):
    response = client.get("/api/v1/things/numbers", {"limit": "many"})

    body = _problem(response)
    assert response.status_code == 400
    assert [p["name"] for p in body["invalidParams"]] == ["limit"]
    assert response["API-Version"] == "1.0.0"


@pytest.mark.urls("tests.core.api_for_tests")
def test_a_bad_body_is_a_400_problem_naming_each_field(client):
    response = client.post(
        "/api/v1/things/payloads", {"age": "old"}, content_type="application/json"
    )

    body = _problem(response)
    assert sorted(p["name"] for p in body["invalidParams"]) == ["payload.age", "payload.name"]


@pytest.mark.urls("tests.core.api_for_tests")
def test_a_problem_raised_by_a_service_keeps_its_kind(client):
    response = client.get("/api/v1/things/conflict")

    assert response.status_code == 409
    assert _problem(response)["detail"] == "Already accepted."


@pytest.mark.urls("tests.core.api_for_tests")
def test_a_crash_is_a_500_problem_without_internals(client):
    response = client.get("/api/v1/things/crash")

    body = _problem(response)
    assert response.status_code == 500
    assert "boom" not in json.dumps(body)
