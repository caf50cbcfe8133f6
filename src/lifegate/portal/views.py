# SPDX-License-Identifier: EUPL-1.2
"""Portal pages of the platform shell: home and the accessibility statement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language, get_language_from_request

from lifegate.catalog import services as catalog
from lifegate.demo import services as demo


def root(request: HttpRequest) -> HttpResponse:
    """`/` sends the reader to the home page in the language their browser prefers."""
    return HttpResponseRedirect(f"/{get_language_from_request(request)}/")


def home(request: HttpRequest) -> HttpResponse:
    language = get_language()
    organisations = catalog.list_organisations(language)
    names = {o.municipality_code: o.name for o in organisations if o.municipality_code}
    population = [
        {"name": names.get(code, code), "residents": count}
        for code, count in demo.residents_per_municipality().items()
    ]
    context = {
        "organisations": organisations,
        "population": population,
        "life_events": catalog.list_events(language),
    }
    return render(request, "portal/home.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
