# SPDX-License-Identifier: EUPL-1.2
"""Portal pages: "what is happening in your life?", the feedback on a result, what officials
see, and the public algorithm register with its exports. They call `services` only."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_POST

from lifegate.assistant import register, services
from lifegate.identity import services as identity


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    raw = request.GET.get("q", "")
    answer = services.search(raw, lang, limit=5) if raw.strip() else services.Answer("", False, ())
    results = [
        {"result": r, "explanation": r.explanation(lang), "kind_label": _kind_label(r.kind)}
        for r in answer.results
    ]
    top = answer.results[0].id if answer.results else ""
    citizen = identity.signed_in_citizen(request)
    context = {
        "question": answer.question,
        "asked": bool(raw.strip()),
        "trimmed": answer.trimmed,
        "max_length": services.MAX_LENGTH,
        "results": results,
        "contact": services.contact_for(top, lang) if top else None,
        "estimates": services.estimates(citizen, answer.results, lang),
        "signed_in": citizen is not None,
        "thanks": request.GET.get("thanks") == "1",
    }
    return render(request, "assistant/finder.html", context)


def _kind_label(kind: str) -> str:
    labels = {
        "life-event": gettext("Life event"),
        "business-event": gettext("Business event"),
        "service": gettext("Service"),
    }
    return labels.get(kind, kind)


@require_POST
def feedback(request: HttpRequest) -> HttpResponse:
    """ "This is not what I meant": counted for officials, then back to the results."""
    question = services.search(request.POST.get("q", ""), _lang(), record=False).question
    services.not_what_i_meant(question, _lang(), request.POST.get("target", "")[:100])
    query = urlencode({"q": question, "thanks": "1"})
    return HttpResponseRedirect(f"{reverse('assistant:finder')}?{query}#feedback-thanks")


@staff_member_required
@require_GET
def missed(request: HttpRequest) -> HttpResponse:
    """For officials: what citizens searched for and did not find (aggregated)."""
    context = {"rows": services.missed_questions(), "min_count": _min_count()}
    return render(request, "assistant/missed.html", context)


def _min_count() -> int:
    return int(settings.ASSISTANT_MIN_COUNT)


@require_GET
def register_page(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    entries = [
        {"id": e.id, "name": e.text("name", lang), "fields": _fields(e, lang)}
        for e in services.register_entries()
    ]
    return render(request, "assistant/register.html", {"entries": entries})


@require_GET
def register_entry(request: HttpRequest, entry_id: str) -> HttpResponse:
    lang = _lang()
    for e in services.register_entries():
        if e.id == entry_id:
            context = {
                "entry": {"id": e.id, "name": e.text("name", lang), "fields": _fields(e, lang)}
            }
            return render(request, "assistant/register_entry.html", context)
    raise Http404


def _fields(entry: register.Entry, lang: str) -> list[tuple[str, str]]:
    labels = {
        "organisation": gettext("Organisation"),
        "status": gettext("Status"),
        "purpose": gettext("Purpose"),
        "how_it_works": gettext("How it works"),
        "data_used": gettext("Data used"),
        "human_involvement": gettext("Human involvement"),
        "risks": gettext("Risks and measures"),
        "evaluation": gettext("Evaluation results"),
        "fairness": gettext("Fairness across languages and groups"),
        "objection": gettext("How to object"),
        "contact": gettext("Contact"),
        "legal_basis": gettext("Legal basis"),
    }
    return [(labels[f], entry.text(f, lang)) for f in register.FIELDS if f in labels]


@require_GET
def register_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        register.as_csv(services.register_entries()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="algorithm-register.csv"'
    return response


@require_GET
def register_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(register.as_documents(services.register_entries()), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="algorithm-register.json"'
    return response
