# SPDX-License-Identifier: EUPL-1.2
"""The installation's URLs plus defects: a page with an object id no matrix entry knows,
and a sign-in form that tells known user names from unknown ones, a page with inline script."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.urls import path

from lifegate.config.urls import urlpatterns as installed


def secret_thing(request: HttpRequest, thing_id: str) -> HttpResponse:
    return HttpResponse(f"thing {thing_id}")


def telling_sign_in(request: HttpRequest) -> HttpResponse:
    """A sign-in form that says which user names exist (the enumeration defect)."""
    known = get_user_model().objects.filter(username=request.POST.get("username")).exists()
    text = "Wrong password, wacht." if known else "No such user, wacht."
    return HttpResponse(text, status=400)


def inline_script(request: HttpRequest) -> HttpResponse:
    """A page the CSP must block: an inline script and an inline style."""
    return HttpResponse(
        '<!doctype html><html lang="nl"><title>x</title><p style="color:red">x</p>'
        "<script>document.title = 'ran';</script></html>"
    )


urlpatterns = [
    *installed,
    path("nl/dingen/<uuid:thing_id>", secret_thing),
    path("nl/lek/inloggen", telling_sign_in),
    path("nl/lek/script", inline_script),
]
