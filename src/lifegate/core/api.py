# SPDX-License-Identifier: EUPL-1.2
"""The one API object at /api/v1/: problem+json errors and the finished OpenAPI document."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from lifegate.core.openapi import finish_document
from lifegate.core.problems import (
    PROBLEM_MEDIA_TYPE,
    InvalidParam,
    Problem,
    ProblemError,
    kind_for_status,
)

logger = logging.getLogger(__name__)


def problem_response(request: HttpRequest, problem: Problem) -> HttpResponse:
    """An `application/problem+json` response for `problem`."""
    body = problem.as_dict()
    body.setdefault("instance", request.path)
    return HttpResponse(
        json.dumps(body), status=problem.http_status, content_type=PROBLEM_MEDIA_TYPE
    )


def _field_name(location: Any) -> str:
    parts = [str(part) for part in location]
    # ninja prefixes the source (body, query, path); the client named the field without it.
    return ".".join(parts[1:] if len(parts) > 1 else parts)


def _invalid_params(error: ValidationError) -> tuple[InvalidParam, ...]:
    return tuple(
        InvalidParam(
            name=_field_name(item.get("loc", ())),
            reason=str(item.get("msg", "invalid")),
            code=str(item.get("type", "invalid")),
        )
        for item in error.errors
    )


class LifegateAPI(NinjaAPI):
    """NinjaAPI whose every error is problem+json and whose document passes the NL ADR linter."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        # Paths are relative to the server URL (/api/v1) the document declares.
        document = super().get_openapi_schema(path_prefix="", path_params=path_params)
        # The finished document is a plain dict; ninja only serialises what it gets back.
        return cast(OpenAPISchema, finish_document(dict(document), settings.CONTACT_EMAIL))


def _on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    params = _invalid_params(error)
    names = ", ".join(sorted({p.name for p in params})) or "the request"
    problem = Problem(
        "invalid-input", f"Check these fields and send again: {names}.", invalid_params=params
    )
    return problem_response(request, problem)


def _on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    status = error.status_code
    return problem_response(request, Problem(kind_for_status(status), str(error), status=status))


def _on_problem(request: HttpRequest, error: ProblemError) -> HttpResponse:
    return problem_response(request, error.problem)


def _on_not_found(request: HttpRequest, error: Exception) -> HttpResponse:
    return problem_response(request, Problem("not-found", "There is no such resource."))


def _on_crash(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.exception("api.unhandled_error", extra={"path": request.path})
    detail = "Something went wrong on our side. It has been logged; try again later."
    return problem_response(request, Problem("internal-error", detail))


_E = TypeVar("_E", bound=Exception)


def _register(
    api: NinjaAPI, kind: type[_E], handler: Callable[[HttpRequest, _E], HttpResponse]
) -> None:
    """Add a handler; ninja's signature also admits the class, but it passes instances."""

    def adapted(request: HttpRequest, error: _E | type[_E]) -> HttpResponse:
        if not isinstance(error, kind):  # pragma: no cover - ninja always passes an instance
            raise TypeError(f"expected an instance of {kind.__name__}")
        return handler(request, error)

    api.add_exception_handler(kind, adapted)


def build_api() -> LifegateAPI:
    """A fresh API object with lifegate's error handling (routers are added by the caller)."""
    api = LifegateAPI(
        title="lifegate API",
        version="1.0.0",
        description="Proactive, life-event-based public services: one API per building block.",
        urls_namespace="api",
        docs_url=None,
    )
    _register(api, ValidationError, _on_validation_error)
    _register(api, HttpError, _on_http_error)
    _register(api, ProblemError, _on_problem)
    _register(api, Http404, _on_not_found)
    _register(api, Exception, _on_crash)
    return api
