# SPDX-License-Identifier: EUPL-1.2
"""Post-process the generated OpenAPI document so it states the contract the API keeps.

django-ninja describes the happy path; the NL API Design Rules also want every response to
declare the API-Version header and every failure to be problem+json. Rather than repeat that
on each operation, this pass adds it to all of them. Pure: works on the document's dict.
"""

from __future__ import annotations

import copy
from typing import Any

from lifegate.core.versioning import API_VERSION

PROBLEM_SCHEMA_REF = "#/components/schemas/Problem"
_METHODS = ("get", "put", "post", "delete", "patch")

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A problem, as RFC 9457 describes it.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "Stable id of the kind."},
        "title": {"type": "string", "description": "Short summary of the kind."},
        "status": {"type": "integer", "description": "The HTTP status code."},
        "detail": {"type": "string", "description": "What went wrong and what to do next."},
        "instance": {"type": "string", "description": "The path the problem happened on."},
        "invalidParams": {
            "type": "array",
            "description": "Each input that was wrong.",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
    },
}

_VERSION_HEADER = {
    "description": "The full version of the API that answered.",
    "schema": {"type": "string", "example": API_VERSION},
}

_PROBLEM_DESCRIPTIONS = {
    "400": "The request is not valid; `invalidParams` names each field.",
    "401": "No valid credentials were sent; sign in or send a valid access token.",
    "404": "There is no such resource.",
    "500": "Something went wrong on the server.",
}


def finish_document(document: dict[str, Any], contact_email: str) -> dict[str, Any]:
    """Return a copy of `document` with info, servers, headers and problems completed."""
    done = copy.deepcopy(document)
    done["info"].update(
        {
            "version": API_VERSION,
            "contact": {
                "name": "lifegate maintainers",
                "email": contact_email,
                "url": "https://lifegate.example/contact",
            },
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        }
    )
    done["servers"] = [{"url": "/api/v1", "description": "This installation."}]
    done.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path_item in done.get("paths", {}).values():
        for method in _METHODS:
            if method in path_item:
                _finish_operation(method, path_item[method])
    return done


def _finish_operation(method: str, operation: dict[str, Any]) -> None:
    # ninja keys responses by int; JSON keys are strings, so normalise before merging.
    responses: dict[str, Any] = {str(k): v for k, v in operation.get("responses", {}).items()}
    operation["responses"] = responses
    needs_400 = method in {"put", "post", "patch"} or bool(operation.get("parameters"))
    if needs_400:
        responses.setdefault("400", {"description": _PROBLEM_DESCRIPTIONS["400"]})
    # An id in the path may name nothing; a secured operation refuses missing credentials.
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        responses.setdefault("404", {"description": _PROBLEM_DESCRIPTIONS["404"]})
    if operation.get("security"):
        responses.setdefault("401", {"description": _PROBLEM_DESCRIPTIONS["401"]})
    responses.setdefault("500", {"description": _PROBLEM_DESCRIPTIONS["500"]})
    for code, response in responses.items():
        if code.startswith(("2", "3")):
            response.setdefault("headers", {})["API-Version"] = _VERSION_HEADER
        elif code.startswith(("4", "5")):
            response["content"] = {
                "application/problem+json": {"schema": {"$ref": PROBLEM_SCHEMA_REF}}
            }
