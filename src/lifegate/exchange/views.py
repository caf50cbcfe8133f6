# SPDX-License-Identifier: EUPL-1.2
"""Portal pages: who used my data, consent, and evidence from another member state."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from lifegate.demo import services as demo
from lifegate.exchange import labels, services
from lifegate.exchange.evidence import requests as evidence
from lifegate.exchange.evidence.oots import NaturalPerson
from lifegate.identity import services as identity
from lifegate.identity import session
from lifegate.identity.session import Actor

View = Callable[..., HttpResponse]


def _subject_hashes(request: HttpRequest, actor: Actor) -> list[str]:
    party = actor.subject
    if party.kind == "company":
        return [services.subject_hash("kvk", party.ref)]
    if party.kind == "foreign":
        identifier = identity.foreign_person_identifier(request)
        return [services.subject_hash("eidas", identifier)] if identifier else []
    person = demo.find_person(int(party.ref))
    if person is None:
        return []
    hashes = [services.subject_hash("bsn", person.bsn)] if person.bsn else []
    if person.foreign_id:
        hashes.append(services.subject_hash("eidas", person.foreign_id))
    return hashes


def _bsn_subject(actor: Actor) -> services.Subject | None:
    if actor.subject.kind != "person":
        return None
    person = demo.find_person(int(actor.subject.ref))
    return services.Subject.bsn(person.bsn) if person and person.bsn else None


def signed_in(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = identity.current_actor(request)
        if actor is None:
            return HttpResponseRedirect(session.sign_in_url(request))
        return view(request, actor, *args, **kwargs)

    return wrapper


def _language() -> str:
    return get_language() or "nl"


@require_GET
@signed_in
def data_use(request: HttpRequest, actor: Actor) -> HttpResponse:
    log = services.data_uses(_subject_hashes(request, actor), _language())
    uses = [
        {
            "use": use,
            "fields": [labels.field_label(f) for f in use.fields],
            "basis": labels.BASES.get(use.basis, use.basis),
        }
        for use in log.uses
    ]
    return render(request, "exchange/data_use.html", {"log": log, "uses": uses, "actor": actor})


@require_http_methods(["GET", "POST"])
@signed_in
def consents(request: HttpRequest, actor: Actor) -> HttpResponse:
    subject = _bsn_subject(actor)
    if request.method == "POST" and subject is not None:
        activity = request.POST.get("activity", "")
        try:
            if request.POST.get("action") == "give":
                services.give_consent(subject, activity)
            else:
                services.withdraw_consent(subject, activity)
        except ValueError as exc:
            raise Http404("no such consent") from exc
        return HttpResponseRedirect(reverse("exchange:consent"))
    rows = [
        {
            "activity": a,
            "name": a.text(_language()),
            "given": subject is not None and services.has_consent(subject, a.id),
        }
        for a in services.consent_activities()
    ]
    return render(
        request,
        "exchange/consent.html",
        {"rows": rows, "can_consent": subject is not None, "actor": actor},
    )


def _owner(actor: Actor) -> str:
    return f"{actor.subject.kind}:{actor.subject.ref}"


def _request_evidence(request: HttpRequest, actor: Actor, identifier: str) -> HttpResponse:
    signed = identity.signed_in_citizen(request)
    if signed is None:
        return HttpResponseRedirect(session.sign_in_url(request))
    person = NaturalPerson(
        identifier, signed.family_name, signed.given_name, signed.birthdate, signed.loa
    )
    placeholder = uuid.UUID(int=0)
    back = request.build_absolute_uri(reverse("exchange:evidence-return", args=[placeholder]))
    row = evidence.start(_owner(actor), person, back.replace(str(placeholder), "ID"))
    if row.status == row.PREVIEW:
        return HttpResponseRedirect(row.preview_url)
    return HttpResponseRedirect(reverse("exchange:evidence-detail", args=[row.id]))


@require_http_methods(["GET", "POST"])
@signed_in
def evidence_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    identifier = None
    if actor.subject.kind == "foreign":
        identifier = identity.foreign_person_identifier(request)
    if request.method == "POST" and identifier:
        return _request_evidence(request, actor, identifier)
    context = {"requests": evidence.requests_of(_owner(actor)), "can_request": bool(identifier)}
    return render(request, "exchange/evidence_list.html", context)


def _request_or_404(actor: Actor, request_id: uuid.UUID) -> Any:
    row = evidence.request_of(_owner(actor), request_id)
    if row is None:
        raise Http404("no such evidence request")
    return row


@require_GET
@signed_in
def evidence_return(request: HttpRequest, actor: Actor, request_id: uuid.UUID) -> HttpResponse:
    evidence.collect(_request_or_404(actor, request_id))
    return HttpResponseRedirect(reverse("exchange:evidence-detail", args=[request_id]))


@require_GET
@signed_in
def evidence_detail(request: HttpRequest, actor: Actor, request_id: uuid.UUID) -> HttpResponse:
    row = _request_or_404(actor, request_id)
    return render(request, "exchange/evidence_detail.html", {"row": row})


@require_GET
@signed_in
def evidence_pdf(request: HttpRequest, actor: Actor, request_id: uuid.UUID) -> HttpResponse:
    row = _request_or_404(actor, request_id)
    if not row.pdf:
        raise Http404("no rendition")
    response = HttpResponse(bytes(row.pdf), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="birth-certificate.pdf"'
    return response
