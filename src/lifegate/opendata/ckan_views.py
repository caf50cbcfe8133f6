# SPDX-License-Identifier: EUPL-1.2
"""/api/3/action/<action>: CKAN's envelope ({help, success, result|error}) over GET or POST."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lifegate.opendata import ckan, services
from lifegate.opendata.ckan import ActionError, check_params, integer

Params = Mapping[str, Any]


def _package_list(params: Params) -> Any:
    check_params(params, {"limit", "offset"})
    names = [info.id for info in services.datasets()]
    offset = integer(params, "offset", 0, 10**6)
    return names[offset : offset + integer(params, "limit", len(names), 1000)]


def _package_show(params: Params) -> Any:
    check_params(params, {"id", "use_default_schema", "include_tracking", "include_plugin_data"})
    wanted = str(params.get("id", ""))
    if not wanted:
        raise ckan.validation("id", "Missing value")
    for info in services.datasets():
        if info.id == wanted:
            return ckan.package(info, services.publisher())
    raise ckan.not_found(f"dataset {wanted}")


SEARCH_PARAMS = {
    "q", "fq", "rows", "start", "sort", "facet", "facet.field", "facet.limit",
    "facet.mincount", "include_private", "include_drafts", "fl",
}  # fmt: skip


def _package_search(params: Params) -> Any:
    check_params(params, SEARCH_PARAMS)
    rows = integer(params, "rows", 10, 1000)
    start = integer(params, "start", 0, 10**6)
    found = ckan.search(
        services.datasets(),
        services.publisher(),
        str(params.get("q", "")),
        str(params.get("fq", "")),
    )
    return {
        "count": len(found),
        "results": found[start : start + rows],
        "sort": str(params.get("sort", "score desc, metadata_modified desc")),
        "facets": {},
        "search_facets": {},
    }


def _organization_list(params: Params) -> Any:
    check_params(params, {"all_fields", "sort", "limit", "offset", "organizations",
                          "include_dataset_count", "include_extras"})  # fmt: skip
    publisher = services.publisher()
    if str(params.get("all_fields", "")).lower() in ("true", "1"):
        return [ckan.organization(publisher, len(services.datasets()))]
    return [publisher.organisation_id]


def _status_show(params: Params) -> Any:
    check_params(params, set())
    publisher = services.publisher()
    return {
        "site_title": "lifegate open data",
        "site_description": publisher.name["en"],
        "site_url": publisher.base_url,
        "ckan_version": ckan.CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "nl",
        "extensions": [],
    }


ACTIONS: dict[str, Callable[[Params], Any]] = {
    "package_list": _package_list,
    "package_show": _package_show,
    "package_search": _package_search,
    "organization_list": _organization_list,
    "status_show": _status_show,
}


def _params(request: HttpRequest) -> dict[str, Any]:
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError as error:
            raise ActionError("Bad request", 400, {"message": "JSON body expected"}) from error
        if not isinstance(body, dict):
            raise ActionError("Bad request", 400, {"message": "JSON object expected"})
        return body
    return {key: request.GET[key] for key in request.GET}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, name: str) -> HttpResponse:
    help_url = request.build_absolute_uri(f"/api/3/action/help_show?name={name}")
    handler = ACTIONS.get(name)
    try:
        if handler is None:
            raise ActionError("Bad request", 400, {"message": f"Action name not known: {name}"})
        result = handler(_params(request))
    except ActionError as error:
        body = {"__type": error.type, **error.fields}
        payload = {"help": help_url, "success": False, "error": body}
        return JsonResponse(payload, status=error.status)
    return JsonResponse({"help": help_url, "success": True, "result": result})
