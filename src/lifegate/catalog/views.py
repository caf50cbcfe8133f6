# SPDX-License-Identifier: EUPL-1.2
"""Portal pages of the catalog (life events, services, search) and the resource URIs.

`/id/<kind>/<id>` is the linked-data URI of a resource: a browser (HTML) is sent to the
page about it, a linked-data client gets Turtle or JSON-LD, as its `Accept` asks.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_from_request
from django.views.decorators.http import require_GET

from lifegate.catalog import browse, exports, pages, services
from lifegate.catalog.cpsv.serialise import Format

_RDF_TYPES: dict[str, Format] = {"text/turtle": "turtle", "application/ld+json": "json-ld"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@require_GET
def event_index(request: HttpRequest) -> HttpResponse:
    snapshot = services.snapshot()
    language = get_language()
    events = [pages.event_card(snapshot.catalog, e, language) for e in snapshot.catalog.events]
    context = {
        "life_events": [e for e in events if e["kind"] == "life"],
        "business_events": [e for e in events if e["kind"] == "business"],
    }
    return render(request, "catalog/event_index.html", context)


@require_GET
def event_page(request: HttpRequest, event_id: str) -> HttpResponse:
    catalog = services.snapshot().catalog
    event = next((e for e in catalog.events if e.id == event_id), None)
    if event is None:
        raise Http404("no such event")
    context = pages.journey(catalog, event, get_language())
    return render(request, "catalog/event.html", context)


@require_GET
def service_page(request: HttpRequest, service_id: str) -> HttpResponse:
    catalog = services.snapshot().catalog
    try:
        service = catalog.service(service_id)
    except KeyError as error:
        raise Http404("no such service") from error
    context = {"service": pages.service_detail(catalog, service, get_language())}
    return render(request, "catalog/service.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    snapshot = services.snapshot()
    query = request.GET.get("q", "").strip()[:200]
    language = get_language()
    context: dict[str, Any] = {"query": query, "services": [], "events": []}
    if query:
        hits = snapshot.index.search(query)
        by_id = {s.id: s for s in snapshot.catalog.services}
        events = {e.id: e for e in snapshot.catalog.events}
        context["services"] = [
            pages.service_card(snapshot.catalog, by_id[h.id], language)
            for h in hits
            if h.kind == "service"
        ]
        context["events"] = [
            pages.event_card(snapshot.catalog, events[h.id], language)
            for h in hits
            if h.kind == "event"
        ]
    context["total"] = len(context["services"]) + len(context["events"])
    return render(request, "catalog/search.html", context)


def _wanted_format(request: HttpRequest) -> Format | None:
    """The RDF format the `Accept` header prefers over HTML, or None for a page."""
    ranked = []
    for position, item in enumerate(request.headers.get("Accept", "").split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        weight = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            ranked.append((-float(weight), position, media.lower()))
        except ValueError:
            continue
    for _weight, _position, media in sorted(ranked):
        if media in _RDF_TYPES:
            return _RDF_TYPES[media]
        if media in _HTML_TYPES or media in ("*/*", "text/*"):
            return None
    return None


@require_GET
def resource(request: HttpRequest, kind: str, identifier: str) -> HttpResponse:
    """A resource URI: 303 to its page for browsers, its RDF description for clients."""
    rdf_format = _wanted_format(request)
    if rdf_format is None:
        response: HttpResponse = HttpResponseRedirect(_page_of(request, kind, identifier))
        response.status_code = 303
    else:
        graph = exports.resource_graph(kind, identifier)
        if graph is None:
            raise Http404("no such resource")
        response = exports.rdf_response(graph, rdf_format)
    response["Vary"] = "Accept"
    return response


def _page_of(request: HttpRequest, kind: str, identifier: str) -> str:
    language = get_language_from_request(request)
    catalog = services.snapshot().catalog
    if kind == "service" and identifier in {s.id for s in catalog.services}:
        return _localised("catalog:service", language, identifier)
    if kind == "event" and identifier in {e.id for e in catalog.events}:
        return _localised("catalog:event", language, identifier)
    if kind in ("organisation", "rule") and browse.known(catalog, kind, identifier):
        return _localised("catalog:event-index", language)
    raise Http404("no such resource")


def _localised(name: str, language: str, *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)
