# SPDX-License-Identifier: EUPL-1.2
"""The officials' pages: the work queue of their organisations' cases, a case, ask, decide.

An official sees only cases of the organisations they hold a role at, and of a case only
the data the citizen shared with it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from lifegate.cases import catalogue, services
from lifegate.core.problems import ProblemError
from lifegate.exchange import services as exchange
from lifegate.identity import services as identity
from lifegate.resilience import services as audit


def _language() -> str:
    return get_language() or "nl"


def _refusal(request: HttpRequest, error: ProblemError) -> HttpResponse:
    context = {"detail": services.explained(error), "code": services.code_of(error)}
    return render(request, "cases/refused.html", context, status=error.problem.http_status)


def _case(case_id: str, organisations: list[str]) -> services.Case:
    """The case when one of the official's organisations has it, else refused."""
    last = services.refused("case-not-found")
    for organisation in organisations:
        try:
            return services.case_for_organisation(case_id, organisation)
        except ProblemError as error:
            last = error
    raise last


@require_GET
@identity.official_page
def work_queue(request: HttpRequest, organisations: list[str]) -> HttpResponse:
    language = _language()
    audit.record_request_action(
        request, "cases.work-queue.view", ("organisations", ",".join(organisations))
    )
    names = catalogue.current()  # one catalog version for the whole list
    rows = [
        {
            "case": c,
            "service": names.service_name(c.service, language),
            "agency": names.organisation_name(c.organisation, language),
        }
        for organisation in organisations
        for c in services.cases_of_organisation(organisation)
    ]
    return render(request, "cases/work_queue.html", {"rows": rows})


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


@require_GET
@identity.official_page
def case(request: HttpRequest, organisations: list[str], case_id: str) -> HttpResponse:
    language = _language()
    try:
        found = _case(str(case_id), organisations)
    except ProblemError as error:
        return _refusal(request, error)
    audit.record_request_action(request, "cases.case.view", ("case", str(case_id)))
    shared = [
        (exchange.field_label(name), _shown(value)) for name, value in found.shared_data.items()
    ]
    context = {
        "case": found,
        "service": catalogue.service_name(found.service, language),
        "shared": shared,
        "history": services.history(found),
    }
    return render(request, "cases/official_case.html", context)


def _change(
    request: HttpRequest,
    organisations: list[str],
    case_id: str,
    change: Callable[[services.Case, str], object],
    action: str,
) -> HttpResponse:
    try:
        found = _case(str(case_id), organisations)
        with transaction.atomic():  # audited in the change's transaction: fail closed
            change(found, f"official:{request.user.pk}")
            audit.record_request_action(request, action, ("case", str(case_id)))
    except ProblemError as error:
        return _refusal(request, error)
    return HttpResponseRedirect(reverse("cases:official-case", args=[case_id]))


@require_POST
@identity.official_page
def ask(request: HttpRequest, organisations: list[str], case_id: str) -> HttpResponse:
    question = request.POST.get("question", "").strip()[:4000]
    return _change(
        request,
        organisations,
        case_id,
        lambda c, by: services.request_information(str(c.id), c.organisation, question, by),
        "cases.case.request-information",
    )


@require_POST
@identity.official_page
def decide(request: HttpRequest, organisations: list[str], case_id: str) -> HttpResponse:
    result = request.POST.get("result", "")
    reasons = request.POST.get("reasons", "")[:20_000]
    return _change(
        request,
        organisations,
        case_id,
        lambda c, by: services.decide(str(c.id), c.organisation, result, reasons, by),
        "cases.case.decide",
    )
