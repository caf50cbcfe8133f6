# SPDX-License-Identifier: EUPL-1.2
"""The committed OpenAPI document is the contract: it must match the code."""

import json

from lifegate.config.api import api
from lifegate.core.management.commands.openapi import COMMITTED, current_document
from tests.conftest import REPO


def test_the_committed_openapi_document_matches_the_code():
    committed = (REPO / COMMITTED).read_text(encoding="utf-8")

    assert committed == current_document(), "run `lifegate openapi` and commit openapi.json"


def _operations(document):
    for item in document["paths"].values():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, operation


def test_every_success_declares_api_version_and_every_failure_is_a_problem():
    document = api.get_openapi_schema()

    for _method, operation in _operations(document):
        for code, response in operation["responses"].items():
            if code[0] in "23":
                assert "API-Version" in response["headers"]
            else:
                assert list(response["content"]) == ["application/problem+json"]


def test_the_document_is_openapi_3_1_with_a_versioned_server():
    document = json.loads(current_document())

    assert document["openapi"].startswith("3.1")
    assert document["servers"][0]["url"] == "/api/v1"
    assert set(document["info"]["contact"]) == {"name", "email", "url"}


def test_an_id_in_the_path_documents_404_and_a_secured_operation_documents_401():
    document = api.get_openapi_schema()
    with_path_id = [
        op
        for _m, op in _operations(document)
        if any(p.get("in") == "path" for p in op.get("parameters", []))
    ]
    secured = [op for _m, op in _operations(document) if op.get("security")]

    assert with_path_id and secured
    assert all("404" in op["responses"] for op in with_path_id)
    assert all("401" in op["responses"] for op in secured)
