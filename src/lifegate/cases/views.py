# SPDX-License-Identifier: EUPL-1.2
"""The citizen's pages: my life events, a journey with its offers, my cases."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from lifegate.cases import catalogue, services
from lifegate.core.problems import ProblemError
from lifegate.identity import services as identity
from lifegate.identity import session

View = Callable[..., HttpResponse]


def _language() -> str:
    return get_language() or "nl"


def citizen_page(view: View) -> View:
    """Signed in as a registered person (or acting for one); else to the sign-in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = identity.current_actor(request)
        if actor is None:
            return HttpResponseRedirect(session.sign_in_url(request))
        if actor.subject.kind != "person" or actor.actor.kind != "person":
            return render(request, "cases/not_registered.html", status=403)
        return view(request, actor, *args, **kwargs)

    return wrapper


def _refusal(request: HttpRequest, error: ProblemError) -> HttpResponse:
    context = {"detail": services.explained(error), "code": services.code_of(error)}
    return render(request, "cases/refused.html", context, status=error.problem.http_status)


def _allowed(actor: identity.Actor, service: str) -> bool:
    if not actor.for_someone_else:
        return True
    return identity.may_act_for_person(
        int(actor.actor.ref), int(actor.subject.ref), service
    ).allowed


@require_GET
@citizen_page
def life_events(request: HttpRequest, actor: identity.Actor) -> HttpResponse:
    language = _language()
    journeys = [
        {"journey": j, "name": catalogue.event_name(j.event, language)}
        for j in services.journeys_of(int(actor.subject.ref))
    ]
    return render(request, "cases/life_events.html", {"journeys": journeys, "actor": actor})


@require_GET
@citizen_page
def journey(request: HttpRequest, actor: identity.Actor, journey_id: str) -> HttpResponse:
    language = _language()
    try:
        found = services.journey_of(str(journey_id), int(actor.subject.ref))
    except ProblemError as error:
        return _refusal(request, error)
    context = {
        "journey": found,
        "name": catalogue.event_name(found.event, language),
        "steps": services.steps_of(found, language),
        "actor": actor,
    }
    return render(request, "cases/journey.html", context)


def _act(
    request: HttpRequest,
    actor: identity.Actor,
    journey_id: str,
    service: str,
    *,
    action: Callable[[int, int], object],
    what: str,
) -> HttpResponse:
    if not _allowed(actor, service):
        return render(
            request, "cases/out_of_scope.html", {"subject": actor.subject.label}, status=403
        )
    try:
        action(int(actor.subject.ref), int(actor.actor.ref))
    except ProblemError as error:
        return _refusal(request, error)
    if actor.for_someone_else:
        identity.record_action(actor, f"cases.{what}", journey=str(journey_id), service=service)
    return HttpResponseRedirect(reverse("cases:journey", args=[journey_id]))


@require_POST
@citizen_page
def accept(
    request: HttpRequest, actor: identity.Actor, journey_id: str, offer_id: str
) -> HttpResponse:
    return _act(
        request,
        actor,
        journey_id,
        services.offer_service(str(offer_id)),
        action=lambda person, me: services.accept_offer(str(offer_id), person, me),
        what="accepted",
    )


@require_POST
@citizen_page
def decline(
    request: HttpRequest, actor: identity.Actor, journey_id: str, offer_id: str
) -> HttpResponse:
    return _act(
        request,
        actor,
        journey_id,
        services.offer_service(str(offer_id)),
        action=lambda person, me: services.decline_offer(str(offer_id), person, me),
        what="declined",
    )


@require_POST
@citizen_page
def apply(
    request: HttpRequest, actor: identity.Actor, journey_id: str, service: str
) -> HttpResponse:
    return _act(
        request,
        actor,
        journey_id,
        service,
        action=lambda person, me: services.apply(str(journey_id), service, person, me),
        what="applied",
    )


@require_POST
@citizen_page
def consent(request: HttpRequest, actor: identity.Actor, journey_id: str) -> HttpResponse:
    return _act(
        request,
        actor,
        journey_id,
        "*",
        action=lambda person, _me: services.give_consent(str(journey_id), person),
        what="consented",
    )


@require_GET
@citizen_page
def my_cases(request: HttpRequest, actor: identity.Actor) -> HttpResponse:
    language = _language()
    rows = [
        {
            "case": c,
            "service": catalogue.service_name(c.service, language),
            "agency": catalogue.organisation_name(c.organisation, language),
        }
        for c in services.cases_of_person(int(actor.subject.ref))
    ]
    return render(request, "cases/my_cases.html", {"rows": rows, "actor": actor})


@require_POST
@citizen_page
def answer(
    request: HttpRequest, actor: identity.Actor, journey_id: str, offer_id: str
) -> HttpResponse:
    given = {key: str(value)[:40] for key, value in request.POST.items() if ":" in key}
    return _act(
        request,
        actor,
        journey_id,
        services.offer_service(str(offer_id)),
        action=lambda person, _me: services.answer(str(offer_id), person, given),
        what="answered",
    )
