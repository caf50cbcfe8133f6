# SPDX-License-Identifier: EUPL-1.2
"""The holder withdraws their own credentials, one or all at once (a lost or stolen phone
or wallet): every copy is revoked, so no verifier accepts it any more. GET shows what would
be withdrawn; POST withdraws exactly what that page listed, once the holder confirms."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lifegate.catalog import services as catalog
from lifegate.credentials import configurations, services
from lifegate.credentials.views import ISSUANCE_LOA, JUST_WITHDRAWN
from lifegate.identity import services as identity

ALL = "all"


@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest) -> HttpResponse:
    citizen = identity.require_loa(request, ISSUANCE_LOA)
    if citizen.person_id is None:
        raise Http404("no credentials issued to this person")
    if request.method == "POST":
        return _withdraw(request, citizen.person_id)
    chosen = _chosen(request.GET.get("credential", ALL))
    rows = services.withdrawable(citizen.person_id, chosen)
    # Nothing to withdraw: withdrawn already, or not the holder's at all (then: not found).
    if not rows and chosen is not None and not services.was_issued_to(citizen.person_id, chosen):
        raise Http404("not a credential issued to this person")
    return _page(request, rows, one=chosen is not None)


def _chosen(value: str) -> uuid.UUID | None:
    """One credential by its id, or None for all of them."""
    if value == ALL:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise Http404("no such credential") from exc


def _withdraw(request: HttpRequest, person_id: int) -> HttpResponse:
    ids = [_chosen(value) for value in request.POST.getlist("credential")]
    listed = [credential_id for credential_id in ids if credential_id is not None]
    if not listed or len(listed) != len(ids):
        raise Http404("no credential chosen")
    if request.POST.get("final") != "yes":
        problem = _("Confirm that you know withdrawing cannot be undone, or go back.")
        still = [row for row in services.withdrawable(person_id) if row.id in listed]
        return _page(request, still, problem=problem, status=400, one=len(listed) == 1)
    try:
        withdrawn = services.withdraw(person_id, listed)
    except services.CredentialNotFoundError as exc:
        raise Http404("not a credential issued to this person") from exc
    # Told once, on the next overview, from the session: a link cannot make up the notice.
    request.session[JUST_WITHDRAWN] = len(withdrawn)
    return HttpResponseRedirect(f"{reverse('credentials:overview')}#issued")


def _page(
    request: HttpRequest,
    rows: list[services.IssuedCredentialView],
    *,
    problem: str = "",
    status: int = 200,
    one: bool = False,
) -> HttpResponse:
    names = catalog.organisation_names(get_language() or "nl")
    context: dict[str, Any] = {
        "items": [
            {
                "row": row,
                "title": configurations.title_of(row.type),
                "issuer": names.get(row.organisation, row.organisation),
            }
            for row in rows
        ],
        "problem": problem,
        "one": one,
    }
    return render(request, "credentials/withdraw.html", context, status=status)
