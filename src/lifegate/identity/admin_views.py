# SPDX-License-Identifier: EUPL-1.2
"""The admin's sign-in: password and TOTP code, or enrolment of the second factor first."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lifegate.identity import officials, operators
from lifegate.identity import session as identity_session
from lifegate.identity.official_views import DEVICE_COOKIE

ENROLMENT = "identity.admin_enrolment"
TEMPLATE = "identity/admin_sign_in.html"


def _failed() -> str:
    return _(
        "Signing in did not work. Check your user name, password and code, "
        "or wait a while if you tried many times."
    )


def _page(site: AdminSite, request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    context = {
        **site.each_context(request),
        "title": _("Sign in to the administration"),
        "next": _next(request, fallback=""),
        "redirect_field": REDIRECT_FIELD_NAME,
        **context,
    }
    return render(request, TEMPLATE, context, status=status)


def _next(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else fallback


def _signed_in(request: HttpRequest, user_id: int, username: str) -> HttpResponse:
    user = get_user_model().objects.get(pk=user_id)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # new session id
    identity_session.mark_official_sign_in(request)
    response = HttpResponseRedirect(_next(request, fallback=reverse("admin:index")))
    response.set_cookie(
        DEVICE_COOKIE,
        officials.device_cookie_for(username, request.COOKIES.get(DEVICE_COOKIE, "")),
        max_age=180 * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def _start_enrolment(site: AdminSite, request: HttpRequest, user_id: int) -> HttpResponse:
    pending = operators.Enrolment.start(user_id, request.POST.get("username", ""))
    request.session[ENROLMENT] = pending.__dict__
    return _page(
        site,
        request,
        step="enrol",
        secret=pending.secret,
        qr=operators.qr_svg(pending.uri),
        uri=pending.uri,
    )


def _finish_enrolment(site: AdminSite, request: HttpRequest) -> HttpResponse:
    pending = operators.Enrolment.from_session(request.session.get(ENROLMENT))
    cookie = request.COOKIES.get(DEVICE_COOKIE, "")
    if pending is None:
        return _page(site, request, 400, error=_("Enrolment expired. Sign in again to restart."))
    if officials.throttled(pending.username, cookie):
        return _page(site, request, 400, step="enrol", error=_failed())
    if not operators.confirm(pending, request.POST.get("code", "")):
        officials.record_failure(pending.username, cookie)
        error = _("This code does not match. Type the current code from your authenticator app.")
        return _page(site, request, 400, step="enrol", error=error)
    del request.session[ENROLMENT]
    return _signed_in(request, pending.user_id, pending.username)


def sign_in(site: AdminSite, request: HttpRequest) -> HttpResponse:
    """`AdminSite.login`: password + TOTP for every staff account; enrol on first sign-in."""
    if request.method != "POST":
        if request.user.is_active and request.user.is_staff:
            return HttpResponseRedirect(reverse("admin:index", current_app=site.name))
        return _page(site, request)
    if request.POST.get("step") == "enrol":
        return _finish_enrolment(site, request)
    username = request.POST.get("username", "")
    result = officials.sign_in(
        username,
        request.POST.get("password", ""),
        request.POST.get("code", ""),
        request.COOKIES.get(DEVICE_COOKIE, ""),
        enrolment=True,
    )
    if result.enrolling_user_id is not None and operators.is_staff(result.enrolling_user_id):
        return _start_enrolment(site, request, result.enrolling_user_id)
    if result.user_id is None or not operators.is_staff(result.user_id):
        return _page(site, request, 400, error=_failed(), username=username)
    return _signed_in(request, result.user_id, username)
