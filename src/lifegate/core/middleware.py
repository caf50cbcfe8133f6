# SPDX-License-Identifier: EUPL-1.2
"""Make every answer under /api/ speak problem+json and carry the API-Version header."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lifegate.core.problems import PROBLEM_MEDIA_TYPE, Problem, kind_for_status
from lifegate.core.versioning import API_VERSION

# Every path under /api/ is API, whatever its version: clients must never get an HTML page.
_API_ROOT = "/api/"
# CKAN's action API (the open-data block, for data portals) has its own error envelope,
# which CKAN clients parse; its errors are left as they are.
_OWN_ERROR_FORMAT = ("/api/3/", "/api/action/")

_GENERIC_DETAIL = {
    404: "There is no API resource at this path; /api/v1/openapi.json lists the operations.",
    405: "This method is not allowed on this resource; see the Allow header.",
    403: "You may not do this. Sign in with the right role or ask the owner for access.",
    500: "Something went wrong on our side. It has been logged; try again later.",
}


class ApiProblemMiddleware:
    """Outermost middleware: turns framework error pages on API paths into problem+json.

    Django and django-ninja answer some failures on their own (an unknown path, a method not
    allowed, a crash); clients of an API must never get an HTML page, so the status of such
    an answer is kept and its body replaced by a problem document.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(_API_ROOT):
            return response
        own_format = request.path.startswith(_OWN_ERROR_FORMAT)
        if response.status_code >= 400 and not own_format and not _is_problem(response):
            response = _as_problem(request, response)
        response["API-Version"] = API_VERSION
        return response


def _is_problem(response: HttpResponse) -> bool:
    return str(response.get("Content-Type", "")).startswith(PROBLEM_MEDIA_TYPE)


def _as_problem(request: HttpRequest, original: HttpResponse) -> HttpResponse:
    status = original.status_code
    detail = _GENERIC_DETAIL.get(status, "The request could not be handled.")
    problem = Problem(kind_for_status(status), detail, status=status, instance=request.path)
    response = HttpResponse(
        json.dumps(problem.as_dict()), status=status, content_type=PROBLEM_MEDIA_TYPE
    )
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in original:
            response[header] = original[header]
    return response
