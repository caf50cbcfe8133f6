# SPDX-License-Identifier: EUPL-1.2
"""Portal page: what am I entitled to, per life event, explained with the law."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from lifegate.catalog.cpsv import load_catalog
from lifegate.demo import services as demo
from lifegate.exchange import services as exchange
from lifegate.identity import services as identity
from lifegate.identity import session
from lifegate.identity.session import Actor
from lifegate.rules import services
from lifegate.rules.citizen import Answers, Subject, household_situation
from lifegate.rules.eligibility import SituationError
from lifegate.rules.page_model import KINDS, result_view

logger = logging.getLogger(__name__)
ANSWERS = "rules.answers"


def _event_services(event: str, lang: str) -> tuple[str, list[str]]:
    catalog = load_catalog()
    found = next((e for e in catalog.events if e.id == event), None)
    if found is None:
        raise Http404
    ids = [s.id for s in catalog.services if event in s.events and services.rule_for_service(s.id)]
    return found.name.get(lang, found.name["nl"]), ids


def _subject(request: HttpRequest, actor: Actor) -> Subject:
    citizen = identity.signed_in_citizen(request)
    if actor.subject.kind == "person":
        person = demo.find_person(int(actor.subject.ref))
        if person is not None and person.bsn:
            return Subject(person.bsn, person.given_names.split()[0])
    given = citizen.given_name.split()[0] if citizen else "you"
    born = dt.date.fromisoformat(citizen.birthdate) if citizen and citizen.birthdate else None
    return Subject(None, given, born)


def _answer(kind: str, raw: str) -> Any:
    if kind == "date":
        return dt.date.fromisoformat(raw)
    if kind == "number":
        return float(raw.replace(",", "."))
    if raw not in {"yes", "no"}:
        raise ValueError(raw)
    return raw == "yes"


def _store_answers(request: HttpRequest) -> None:
    answers: dict[str, Any] = dict(request.session.get(ANSWERS, {}))
    for key in request.POST:
        raw = request.POST.get(key, "")
        field = key.partition(":")[2]
        if ":" not in key or not raw.strip() or field not in _FIELDS:
            continue
        try:
            value = _answer(KINDS.get(field, "yesno"), raw.strip())
        except ValueError:
            continue
        answers[key] = value.isoformat() if isinstance(value, dt.date) else value
    request.session[ANSWERS] = answers


_FIELDS = {
    "birth_date", "yearly_income", "assets", "health_insured", "resident", "partner",
    "enrolled_higher_education", "lives_with_parents", "rented", "monthly_rent",
}  # fmt: skip


def _answers(request: HttpRequest) -> Answers:
    stored: dict[str, Any] = request.session.get(ANSWERS, {})
    out: Answers = {}
    for key, value in stored.items():
        field = key.partition(":")[2]
        if field == "birth_date":
            out[key] = dt.date.fromisoformat(value)
        elif field == "partner":
            out[key] = f"{key.partition(':')[0]}-partner" if value else None
        else:
            out[key] = value
    return out


@require_http_methods(["GET", "POST"])
def entitlements(request: HttpRequest, event: str) -> HttpResponse:
    actor = identity.current_actor(request)
    if actor is None:
        return HttpResponseRedirect(session.sign_in_url(request))
    lang = get_language() or "nl"
    event_name, ids = _event_services(event, lang)
    if request.method == "POST":
        _store_answers(request)
        return HttpResponseRedirect(request.path)
    context: dict[str, Any] = {"event": event_name, "results": [], "refused": False}
    try:
        situation = household_situation(
            _subject(request, actor),
            _answers(request),
            actor=actor.actor.ref,
            journey=f"entitlements:{event}",
        )
        evaluation = services.evaluate_for(situation, timezone.localdate(), ids)
        context["results"] = [result_view(r, lang) for r in evaluation.results]
    except exchange.RefusedError as refusal:
        logger.info("rules.registry_refused", extra={"reason": refusal.reason})
        context["refused"] = True
    except SituationError as error:
        logger.info(
            "rules.situation_impossible", extra={"fields": [p.field for p in error.problems]}
        )
        context["refused"] = True
    return render(request, "rules/entitlements.html", context)
