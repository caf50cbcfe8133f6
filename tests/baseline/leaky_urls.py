# SPDX-License-Identifier: EUPL-1.2
"""The installation's URLs plus defects: a page with an object id no matrix entry knows,
and sign-in forms that tell known user names from unknown ones (by page, by time), a page with
inline script."""

from __future__ import annotations

import time

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


def slow_for_known_accounts(request: HttpRequest) -> HttpResponse:
    """Same page for every account, but only known ones cost a password hash (the timing
    defect: an attacker times the answer to learn which user names exist)."""
    if get_user_model().objects.filter(username=request.POST.get("username")).exists():
        time.sleep(0.1)
    return HttpResponse("Wrong user name, password or code, wacht.", status=400)


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
    path("nl/lek/traag", slow_for_known_accounts),
    path("nl/lek/script", inline_script),
]
