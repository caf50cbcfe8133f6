# SPDX-License-Identifier: EUPL-1.2
"""The officials' pages of an issuing organisation: its credentials; suspend, reinstate, revoke.

An official sees only the credentials of the organisations they hold a role at. A change
goes through `services.set_status`, as the API's and the admin's do, so the status list is
re-signed at once and verifiers see the change within its time to live. Every view and
change is in the officials' audit trail, in the change's own transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lifegate.core.bsn import is_valid_bsn
from lifegate.credentials import configurations, services
from lifegate.credentials.form_posts import posted_from
from lifegate.credentials.models import BY_HOLDER, CredentialStatus
from lifegate.demo import services as demo
from lifegate.identity import services as identity
from lifegate.resilience import services as audit

STATUSES = tuple(CredentialStatus.values)
# What an official may change a status to, from each status (revoked is final).
NEXT = {
    CredentialStatus.VALID: (CredentialStatus.SUSPENDED, CredentialStatus.REVOKED),
    CredentialStatus.SUSPENDED: (CredentialStatus.VALID, CredentialStatus.REVOKED),
    CredentialStatus.REVOKED: (),
}


def _choice(value: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    return value if value in allowed else None


@dataclass(frozen=True)
class _Filters:
    """The list's search form as read: what an official typed, and what was wrong with it."""

    status: str | None
    configuration: str | None
    label: str
    bsn: str
    problem: str = ""

    @classmethod
    def read(cls, request: HttpRequest) -> _Filters:
        # The form is posted: a BSN never goes into an address (history, logs, referrers).
        query: QueryDict = request.POST if request.method == "POST" else request.GET
        typed = request.POST.get("bsn", "") if request.method == "POST" else ""
        bsn = "".join(typed.split())[:20]  # "1234 56 789" is typed too
        problem = _("A BSN has 9 digits and passes the eleven-test. Check the number.")
        return cls(
            _choice(query.get("status", ""), STATUSES),
            _choice(query.get("type", ""), list(configurations.CONFIGURATIONS)),
            query.get("label", "").strip()[:200],
            bsn,
            "" if not bsn or is_valid_bsn(bsn) else problem,
        )

    @property
    def used(self) -> bool:
        return bool(self.status or self.configuration or self.label or self.bsn)


@require_http_methods(["GET", "POST"])
@identity.official_page
def issued_list(request: HttpRequest, organisations: list[str]) -> HttpResponse:
    filters = _Filters.read(request)
    person_id = None
    if filters.bsn and not filters.problem:
        person_id = demo.person_ids_by_bsn([filters.bsn]).get(filters.bsn, -1)
    audit.record_request_action(
        request, "credentials.issued.view", _searched(organisations, person_id)
    )
    rows = (
        []
        if filters.problem or person_id == -1
        else services.issued_credentials(
            organisations,
            person_id=person_id,
            status=filters.status,
            configuration=filters.configuration,
            label=filters.label,
        )
    )
    context = {
        "rows": [{"row": row, "type": configurations.title_of(row.type)} for row in rows],
        "types": configurations.CONFIGURATIONS,
        "statuses": STATUSES,
        "chosen": filters,
        "unknown_person": person_id == -1,
    }
    status = 400 if filters.problem else 200
    return render(request, "credentials/officials_list.html", context, status=status)


def _searched(organisations: list[str], person_id: int | None) -> tuple[str, str]:
    """The audit trail's target: the organisations' list, or one person's credentials in it."""
    if person_id is None:
        return ("organisations", ",".join(organisations))
    return ("person", str(person_id) if person_id >= 0 else "not-in-registry")


@require_GET
@identity.official_page
def issued_detail(
    request: HttpRequest, organisations: list[str], credential_id: uuid.UUID
) -> HttpResponse:
    row = _own(organisations, credential_id)
    if row is None:
        return _not_found(request)
    audit.record_request_action(request, "credentials.issued.view", ("credential", str(row.id)))
    return _detail(request, row)


@posted_from("credentials:officials-credential")
@identity.official_page
def change_status(
    request: HttpRequest, organisations: list[str], credential_id: uuid.UUID
) -> HttpResponse:
    row = _own(organisations, credential_id)
    return _not_found(request) if row is None else _change(request, row)


def _own(
    organisations: list[str], credential_id: uuid.UUID
) -> services.IssuedCredentialView | None:
    """The credential when one of the official's organisations issued it."""
    try:
        return services.issued_credential(organisations, credential_id)
    except services.CredentialNotFoundError:
        return None


def _detail(
    request: HttpRequest,
    row: services.IssuedCredentialView,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "row": row,
        "type": configurations.title_of(row.type),
        "next": NEXT[CredentialStatus(row.status)],
        "problem": problem,
        "chosen": request.POST.get("status", ""),
        "ttl": settings.CREDENTIALS_STATUS_TTL,
        "changed": request.GET.get("changed") == "1",
        "by_holder": BY_HOLDER,
    }
    return render(request, "credentials/officials_detail.html", context, status=status)


def _change(request: HttpRequest, row: services.IssuedCredentialView) -> HttpResponse:
    allowed = NEXT[CredentialStatus(row.status)]
    chosen = _choice(request.POST.get("status", ""), tuple(allowed))
    if chosen is None:
        problem = (
            _("Choose what to do with the credential.")
            if allowed
            else _("A revoked credential stays revoked: it cannot be suspended or reinstated.")
        )
        return _detail(request, row, problem, status=400)
    if chosen == CredentialStatus.REVOKED and request.POST.get("final") != "yes":
        problem = _("Confirm that you know revoking cannot be undone, or choose to suspend.")
        return _detail(request, row, problem, status=400)
    try:
        with transaction.atomic():  # audited in the change's transaction: fail closed
            services.set_status(
                row.organisation, row.id, CredentialStatus(chosen), by=request.user.get_username()
            )
            audit.record_request_action(
                request, f"credentials.issued.{chosen}", ("credential", str(row.id))
            )
    except services.StatusChangeRefusedError:  # revoked meanwhile, by someone else
        fresh = services.issued_credential([row.organisation], row.id)
        problem = _("A revoked credential stays revoked: it cannot be suspended or reinstated.")
        return _detail(request, fresh, problem, status=409)
    url = reverse("credentials:officials-credential", args=[row.id])
    return HttpResponseRedirect(f"{url}?changed=1")


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "credentials/officials_not_found.html", status=404)
