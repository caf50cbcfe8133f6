# SPDX-License-Identifier: EUPL-1.2
"""The catalog's HTTP door: /api/v1/catalog/… (public, read-only; calls `services` only).

Lists answer with an `ETag` over the body, so an app that sends `If-None-Match` gets a
304 and keeps its copy; texts are in the language of `lang` or else `Accept-Language`.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Router
from ninja.params.functions import Query
from pydantic import BaseModel

from lifegate.catalog import browse, exports, services
from lifegate.catalog.schemas import EventPage, Link, PageLinks, ServiceOut, ServicePage
from lifegate.core.problems import InvalidParam, Problem, ProblemError

router = Router(tags=["catalog"])
_LANG_HELP = "Language of the texts (nl, en); default from Accept-Language. Also a filter."
_PAGE_HELP = "Page number, from 1."
_SIZE_HELP = "Items per page (1-100)."
_RDF = {200: None, 404: None}


def _language(lang: str) -> str:
    if lang:
        return lang
    current = translation.get_language() or settings.LANGUAGE_CODE
    known = {code for code, _ in settings.LANGUAGES}
    return current if current in known else settings.LANGUAGE_CODE


def _bad_filter(error: browse.UnknownFilterError) -> ProblemError:
    reason = f"Unknown value {error.value!r}."
    return ProblemError(
        Problem(
            "bad-request",
            f"There is no {error.parameter} {error.value!r}; leave it out or pick one that exists.",
            invalid_params=(InvalidParam(error.parameter, reason, "unknown-value"),),
        )
    )


def _answer(request: HttpRequest, body: BaseModel, language: str) -> HttpResponse:
    content = body.model_dump_json(by_alias=True).encode()
    etag = '"' + hashlib.sha256(content + language.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Content-Language": language, "Vary": "Accept-Language"}
    matches = {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}
    if etag in matches or "*" in matches:
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(content, content_type="application/json", headers=headers)


def _links(request: HttpRequest, page: int, size: int, total: int) -> PageLinks:
    last = max(1, -(-total // size))

    def link(number: int) -> Link:
        kept = {k: v for k, v in request.GET.dict().items() if k not in ("page", "pageSize")}
        query = {**kept, "page": str(number), "pageSize": str(size)}
        return Link(href=f"{request.path}?{urlencode(query)}")

    return PageLinks(
        self=link(page),
        first=link(1),
        last=link(last),
        prev=link(page - 1) if page > 1 else None,
        next=link(page + 1) if page < last else None,
    )


@router.get(
    "/events",
    response={200: EventPage, 304: None},
    summary="List life events and business events",
    operation_id="listEvents",
    by_alias=True,
)
def list_events(
    request: HttpRequest,
    *,
    kind: str = Query("", description="life or business; empty for both."),
    q: str = Query("", max_length=200, description="Text query in Dutch or English."),
    lang: str = Query("", max_length=8, description=_LANG_HELP),
    page: int = Query(1, ge=1, description=_PAGE_HELP),
    page_size: int = Query(20, ge=1, le=100, alias="pageSize", description=_SIZE_HELP),
) -> HttpResponse:
    snapshot = services.snapshot()
    try:
        _check_language(snapshot, lang)
        events = browse.filter_events(snapshot.catalog, snapshot.index, kind, q)
    except browse.UnknownFilterError as error:
        raise _bad_filter(error) from error
    language = _language(lang)
    shown = events[(page - 1) * page_size : page * page_size]
    items = [exports.event_out(snapshot.catalog, e, language) for e in shown]
    links = _links(request, page, page_size, len(events))
    return _answer(request, EventPage(_links=links, total=len(events), items=items), language)


@router.get(
    "/services",
    response={200: ServicePage, 304: None},
    summary="List and filter public services",
    operation_id="listServices",
    by_alias=True,
)
def list_services(
    request: HttpRequest,
    *,
    event: str = Query("", max_length=80, description="Only services of this event (id)."),
    organisation: str = Query("", max_length=80, description="Only this authority's (id)."),
    q: str = Query("", max_length=200, description="Text query in Dutch or English."),
    lang: str = Query("", max_length=8, description=_LANG_HELP),
    page: int = Query(1, ge=1, description=_PAGE_HELP),
    page_size: int = Query(20, ge=1, le=100, alias="pageSize", description=_SIZE_HELP),
) -> HttpResponse:
    snapshot = services.snapshot()
    wanted = browse.ServiceFilter(event, organisation, lang, q)
    try:
        found = browse.filter_services(snapshot.catalog, snapshot.index, wanted)
    except browse.UnknownFilterError as error:
        raise _bad_filter(error) from error
    language = _language(lang)
    shown = found[(page - 1) * page_size : page * page_size]
    items = [exports.service_out(snapshot.catalog, s, language) for s in shown]
    links = _links(request, page, page_size, len(found))
    return _answer(request, ServicePage(_links=links, total=len(found), items=items), language)


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, 304: None, 404: None},
    summary="One public service with every SDG information item",
    operation_id="getService",
    by_alias=True,
)
def get_service(
    request: HttpRequest,
    service_id: str,
    lang: str = Query("", max_length=8, description=_LANG_HELP),
) -> HttpResponse:
    snapshot = services.snapshot()
    try:
        _check_language(snapshot, lang)
        service = snapshot.catalog.service(service_id)
    except browse.UnknownFilterError as error:
        raise _bad_filter(error) from error
    except KeyError as error:
        raise ProblemError(Problem("not-found", "There is no service with this id.")) from error
    language = _language(lang)
    return _answer(request, exports.service_out(snapshot.catalog, service, language), language)


def _check_language(snapshot: services.Snapshot, lang: str) -> None:
    if lang and lang not in browse.languages(snapshot.catalog):
        raise browse.UnknownFilterError("lang", lang)


@router.get(
    "/cpsv-ap.jsonld",
    response=_RDF,
    summary="The whole catalog as CPSV-AP 3.2 JSON-LD",
    operation_id="exportCatalogJsonLd",
)
def export_jsonld(request: HttpRequest) -> HttpResponse:
    return exports.catalog_response("json-ld")


@router.get(
    "/cpsv-ap.ttl",
    response=_RDF,
    summary="The whole catalog as CPSV-AP 3.2 Turtle",
    operation_id="exportCatalogTurtle",
)
def export_turtle(request: HttpRequest) -> HttpResponse:
    return exports.catalog_response("turtle")


@router.get(
    "/services/{service_id}/cpsv-ap.jsonld",
    response=_RDF,
    summary="One service as CPSV-AP 3.2 JSON-LD",
    operation_id="exportServiceJsonLd",
)
def export_service_jsonld(request: HttpRequest, service_id: str) -> HttpResponse:
    return exports.service_response(service_id, "json-ld")


@router.get(
    "/services/{service_id}/cpsv-ap.ttl",
    response=_RDF,
    summary="One service as CPSV-AP 3.2 Turtle",
    operation_id="exportServiceTurtle",
)
def export_service_turtle(request: HttpRequest, service_id: str) -> HttpResponse:
    return exports.service_response(service_id, "turtle")
