# SPDX-License-Identifier: EUPL-1.2
"""Portal pages of the identity block: who you are, acting for someone, mandates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lifegate.identity import acting, mandates, notices, scopes
from lifegate.identity import session as identity_session
from lifegate.identity.catalog_scopes import scope_catalog
from lifegate.identity.session import Actor

View = Callable[..., HttpResponse]


def citizen_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if identity_session.citizen(request) is None:
            return HttpResponseRedirect(identity_session.sign_in_url(request))
        return view(request, *args, **kwargs)

    return wrapped


def _actor(request: HttpRequest) -> Actor:
    actor = acting.current_actor(request)
    if actor is None:  # pragma: no cover - citizen_required runs first
        raise PermissionDenied("sign in first")
    return actor


@citizen_required
def profile(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    citizen = identity_session.citizen(request)
    if citizen is None:  # pragma: no cover - citizen_required runs first
        raise PermissionDenied("sign in first")
    context = {
        "citizen": citizen,
        "actor": actor,
        "options": acting.acting_options(citizen),
        "notices": notices.notices_for(citizen.person_id) if citizen.person_id else [],
    }
    return render(request, "identity/profile.html", context)


@require_POST
@citizen_required
def switch_acting_for(request: HttpRequest) -> HttpResponse:
    acting.switch(request, request.POST.get("acting_for", ""))
    return HttpResponseRedirect(reverse("identity:profile"))


def mandate_errors() -> dict[str, str]:
    return {
        "holder": _("No person with this BSN and family name. Check both and try again."),
        "scope": _(
            "Choose what the mandate is for from the list: a theme, a life event or a service "
            "of the catalog."
        ),
        "dates": _("The end date must be after the start date and not in the past."),
        "self": _("You cannot give a mandate to yourself."),
        "grantor": _("Someone acting under a mandate cannot pass it on."),
        "not-found": _("This mandate does not exist or is not yours to change."),
        "not-offered": _("This mandate was already answered."),
        "already-ended": _("This mandate has already ended."),
    }


def _scope_groups(
    catalog: scopes.ScopeCatalog, language: str, company: bool
) -> list[tuple[str, tuple[scopes.Choice, ...]]]:
    names = {"themes": _("Themes and life events"), "services": _("Single services")}
    return [
        (names[g.group], g.choices) for g in scopes.choices(catalog, language, company) if g.choices
    ]


def _mandates_page(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    actor = _actor(request)
    language = translation.get_language() or "nl"
    company = actor.subject.kind == "company"
    held = mandates.held_by(int(actor.actor.ref)) if actor.actor.kind == "person" else []
    granted = mandates.granted_by(actor.subject)
    catalog = scope_catalog()
    context = {
        "actor": actor,
        "granted": granted,
        "held": [] if actor.for_someone_else else held,
        "scope_groups": _scope_groups(catalog, language, company),
        "scope_labels": {
            m.scope: scopes.label(m.scope, catalog, language) for m in (*granted, *held)
        },
        "error": mandate_errors().get(error, "") if error else "",
        "today": timezone.localdate().isoformat(),
        "form": request.POST if error else {},
    }
    return render(request, "identity/mandates.html", context, status=status)


@citizen_required
def mandate_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _mandates_page(request)
    try:
        start = dt.date.fromisoformat(request.POST.get("valid_from", ""))
        end = dt.date.fromisoformat(request.POST.get("valid_until", ""))
    except ValueError:
        return _mandates_page(request, "dates", 400)
    try:
        mandates.grant(
            _actor(request),
            holder_bsn=request.POST.get("holder_bsn", ""),
            holder_family_name=request.POST.get("holder_family_name", ""),
            scope=request.POST.get("scope", ""),
            start=start,
            end=end,
        )
    except mandates.MandateError as error:
        return _mandates_page(request, error.reason, 400)
    return HttpResponseRedirect(reverse("identity:mandates"))


@require_POST
@citizen_required
def mandate_action(request: HttpRequest, mandate_id: int, action: str) -> HttpResponse:
    if action not in {"accept", "decline", "revoke"}:
        raise Http404("no such mandate action")
    actor = _actor(request)
    try:
        if action == "revoke":
            mandates.revoke(actor, mandate_id)
        else:
            mandates.answer(actor, mandate_id, accept=action == "accept")
    except mandates.MandateError as error:
        return _mandates_page(request, error.reason, 400)
    return HttpResponseRedirect(reverse("identity:mandates"))
