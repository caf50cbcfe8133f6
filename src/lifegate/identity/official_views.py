# SPDX-License-Identifier: EUPL-1.2
"""The officials' sign-in (password + TOTP) and their start page with their roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from lifegate.catalog import services as catalog
from lifegate.identity import officials
from lifegate.identity import session as identity_session

DEVICE_COOKIE = ("__Host-" if settings.SESSION_COOKIE_SECURE else "") + "lifegate-official-device"


def sign_in(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "identity/official_sign_in.html")
    result = officials.sign_in(
        request.POST.get("username", ""),
        request.POST.get("password", ""),
        request.POST.get("code", ""),
        request.COOKIES.get(DEVICE_COOKIE, ""),
    )
    if result.user_id is None:
        context = {"failed": True, "username": request.POST.get("username", "")}
        return render(request, "identity/official_sign_in.html", context, status=400)
    user = get_user_model().objects.get(pk=result.user_id)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # new session id
    identity_session.mark_official_sign_in(request)
    response = HttpResponseRedirect(reverse("identity:official-home"))
    response.set_cookie(
        DEVICE_COOKIE,
        result.device_cookie,
        max_age=180 * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated or not officials.roles_of(user.pk):
        return HttpResponseRedirect(reverse("identity:official-sign-in"))
    names = catalog.organisation_names(get_language() or "nl")
    roles = [(names.get(org, org), role) for org, role in officials.roles_of(user.pk)]
    return render(request, "identity/official_home.html", {"roles": roles})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect(reverse("identity:official-sign-in"))
