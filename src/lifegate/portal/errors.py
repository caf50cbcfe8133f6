# SPDX-License-Identifier: EUPL-1.2
"""Error pages (403, 404, 429, 500) in the reader's language, never a bare server page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _messages(status: int) -> tuple[str, str]:
    messages = {
        403: (
            _("You may not open this page"),
            _(
                "You do not have access to this page. Sign in with the right account, or ask "
                "the organisation for access."
            ),
        ),
        404: (
            _("Page not found"),
            _(
                "This page does not exist (any more). Check the address, or start again from "
                "the home page."
            ),
        ),
        429: (
            _("Too many requests"),
            _("You sent many requests in a short time. Wait a moment and try again."),
        ),
        500: (
            _("Something went wrong"),
            _("Something went wrong on our side. It has been logged. Try again later."),
        ),
    }
    return messages[status]


def error_page(request: HttpRequest, status: int) -> HttpResponse:
    heading, explanation = _messages(status)
    context = {"heading": heading, "explanation": explanation, "status": status}
    return render(request, "portal/error.html", context, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return error_page(request, 500)
    except Exception:  # the error page itself must never fail
        return HttpResponse(
            "500 - Er ging iets mis / Something went wrong",
            status=500,
            content_type="text/plain; charset=utf-8",
        )
