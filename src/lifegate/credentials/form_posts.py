# SPDX-License-Identifier: EUPL-1.2
"""Pages that only a form sends to: an address opened directly (a reload, a bookmark, the
language switch, which links to the same address in the other language) goes to the page
the form is on, instead of an empty "405 Method Not Allowed"."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse

View = Callable[..., HttpResponse]


def posted_from(page: str) -> Callable[[View], View]:
    """POST runs the view; GET and HEAD are sent (303) to the page named `page`, with the
    same address parameters (a credential's status form goes back to that credential)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def only_posted(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in {"GET", "HEAD"}:
                return HttpResponseRedirect(reverse(page, kwargs=kwargs), status=303)
            return HttpResponseNotAllowed(["POST"])

        return only_posted

    return decorate
