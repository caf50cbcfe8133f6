# SPDX-License-Identifier: EUPL-1.2
"""The citizen's pages: my life events, a journey with its offers, my cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lifegate.cases import catalogue, services
from lifegate.core.problems import ProblemError
from lifegate.demo import services as registry
from lifegate.identity import services as identity
from lifegate.identity import session

View = Callable[..., HttpResponse]


def _language() -> str:
    return get_language() or "nl"


@dataclass(frozen=True)
class Who:
    """The signed-in citizen as the cases block knows them: the person the pages are for
    (`person`, a registry person id) and who acts (`me`); `actor` for the acting banner."""

    actor: identity.Actor
    person: int
    me: int

    @property
    def foreign(self) -> bool:
        return self.actor.subject.kind == "foreign"


def _who(request: HttpRequest, actor: identity.Actor) -> Who | None:
    if actor.subject.kind == "person" and actor.actor.kind == "person":
        return Who(actor, int(actor.subject.ref), int(actor.actor.ref))
    if actor.subject.kind == "foreign" and not actor.for_someone_else:
        # Not (yet) in the Dutch register: known to the population by the eIDAS identifier.
        identifier = identity.foreign_person_identifier(request) or ""
        found = registry.person_ids_by_foreign_id([identifier]) if identifier else {}
        if identifier in found:
            return Who(actor, found[identifier], found[identifier])
    return None


def citizen_page(view: View) -> View:
    """Signed in as a person (or acting for one), or with a foreign eID the population knows;
    else to the sign-in, or a page saying journeys need a registration."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = identity.current_actor(request)
        if actor is None:
            return HttpResponseRedirect(session.sign_in_url(request))
        who = _who(request, actor)
        if who is None:
            return render(request, "cases/not_registered.html", status=403)
        return view(request, who, *args, **kwargs)

    return wrapper


def _refusal(request: HttpRequest, error: ProblemError) -> HttpResponse:
    context = {"detail": services.explained(error), "code": services.code_of(error)}
    return render(request, "cases/refused.html", context, status=error.problem.http_status)


def _allowed(who: Who, service: str) -> bool:
    if not who.actor.for_someone_else:
        return True
    return identity.may_act_for_person(who.me, who.person, service).allowed


@require_http_methods(["GET", "POST"])
@citizen_page
def life_events(request: HttpRequest, who: Who) -> HttpResponse:
    """The person's journeys; someone arriving from abroad starts "moving to the Netherlands"
    here (POST), as no registry event can start it before they are registered."""
    if request.method == "POST":
        if not who.foreign:
            return HttpResponseRedirect(reverse("cases:life-events"))
        started = services.start_arrival(who.person)
        return HttpResponseRedirect(reverse("cases:journey", args=[started.id]))
    language = _language()
    journeys = services.journeys_of(who.person)
    names = catalogue.current()  # one catalog version for the whole list
    listed = [{"journey": j, "name": names.event_name(j.event, language)} for j in journeys]
    arriving = who.foreign and not any(j.event == services.ARRIVAL_EVENT for j in journeys)
    context = {
        "journeys": listed,
        "actor": who.actor,
        "arriving": arriving,
        "arrival_name": names.event_name(services.ARRIVAL_EVENT, language),
    }
    return render(request, "cases/life_events.html", context)


@require_GET
@citizen_page
def journey(request: HttpRequest, who: Who, journey_id: str) -> HttpResponse:
    language = _language()
    try:
        found = services.journey_of(str(journey_id), who.person)
    except ProblemError as error:
        return _refusal(request, error)
    context = {
        "journey": found,
        "name": catalogue.event_name(found.event, language),
        "steps": services.steps_of(found, language),
        "actor": who.actor,
        "evidence_abroad": who.foreign,
    }
    return render(request, "cases/journey.html", context)


def _act(
    request: HttpRequest,
    who: Who,
    journey_id: str,
    service: str,
    *,
    action: Callable[[int, int], object],
    what: str,
) -> HttpResponse:
    if not _allowed(who, service):
        return render(
            request, "cases/out_of_scope.html", {"subject": who.actor.subject.label}, status=403
        )
    try:
        action(who.person, who.me)
    except ProblemError as error:
        return _refusal(request, error)
    if who.actor.for_someone_else:
        identity.record_action(who.actor, f"cases.{what}", journey=str(journey_id), service=service)
    return HttpResponseRedirect(reverse("cases:journey", args=[journey_id]))


def _on_offer(
    request: HttpRequest,
    who: Who,
    journey_id: str,
    offer_id: str,
    *,
    act: Callable[[str, int, int], object],
    what: str,
) -> HttpResponse:
    """`act(offer, person, actor)` on one of the journey's offers, within the mandate."""
    offer = str(offer_id)
    return _act(
        request,
        who,
        journey_id,
        services.offer_service(offer),
        action=lambda person, me: act(offer, person, me),
        what=what,
    )


@require_POST
@citizen_page
def accept(request: HttpRequest, who: Who, journey_id: str, offer_id: str) -> HttpResponse:
    return _on_offer(request, who, journey_id, offer_id, act=services.accept_offer, what="accepted")


@require_POST
@citizen_page
def decline(request: HttpRequest, who: Who, journey_id: str, offer_id: str) -> HttpResponse:
    return _on_offer(
        request, who, journey_id, offer_id, act=services.decline_offer, what="declined"
    )


@require_POST
@citizen_page
def apply(request: HttpRequest, who: Who, journey_id: str, service: str) -> HttpResponse:
    return _act(
        request,
        who,
        journey_id,
        service,
        action=lambda person, me: services.apply(str(journey_id), service, person, me),
        what="applied",
    )


@require_POST
@citizen_page
def consent(request: HttpRequest, who: Who, journey_id: str) -> HttpResponse:
    return _act(
        request,
        who,
        journey_id,
        "*",
        action=lambda person, _me: services.give_consent(str(journey_id), person),
        what="consented",
    )


@require_GET
@citizen_page
def my_cases(request: HttpRequest, who: Who) -> HttpResponse:
    language = _language()
    names = catalogue.current()  # one catalog version for the whole list
    rows = [
        {
            "case": c,
            "service": names.service_name(c.service, language),
            "agency": names.organisation_name(c.organisation, language),
        }
        for c in services.cases_of_person(who.person)
    ]
    return render(request, "cases/my_cases.html", {"rows": rows, "actor": who.actor})


@require_POST
@citizen_page
def answer(request: HttpRequest, who: Who, journey_id: str, offer_id: str) -> HttpResponse:
    given = {key: str(value)[:40] for key, value in request.POST.items() if ":" in key}
    return _on_offer(
        request,
        who,
        journey_id,
        offer_id,
        act=lambda offer, person, _me: services.answer(offer, person, given),
        what="answered",
    )
