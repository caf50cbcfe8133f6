# SPDX-License-Identifier: EUPL-1.2
"""`official_page`: a page only officials reach, told the organisations they work for."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from lifegate.identity.officials import organisations_of

View = Callable[..., HttpResponse]


def official_page(view: View) -> View:
    """Call `view(request, organisations, ...)`; anyone else is sent to the officials' sign-in.

    An official holds a role at one or more organisations and sees only their data, so
    every officials' page gets that list from here rather than asking on its own.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        organisations = organisations_of(user.pk) if user.is_authenticated else []
        if not organisations:
            return HttpResponseRedirect(reverse("identity:official-sign-in"))
        return view(request, organisations, *args, **kwargs)

    return wrapper
