# SPDX-License-Identifier: EUPL-1.2
"""Portal pages: ask for a credential (the offer with link, QR code and transaction code),
and the demo verifiers with their requests and verdicts."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lifegate.catalog import services as catalog
from lifegate.credentials import configurations, issuance, presentations, services
from lifegate.credentials.form_posts import posted_from
from lifegate.credentials.models import BY_HOLDER
from lifegate.credentials.qr import qr_svg
from lifegate.credentials.verdicts import CHECKS
from lifegate.identity import services as identity

# Credentials prove who you are, so getting one needs at least eIDAS "substantial".
ISSUANCE_LOA = "substantial"
_MY_REQUESTS = "credentials.verifier_requests"
JUST_WITHDRAWN = "credentials.just_withdrawn"  # how many the holder just withdrew, told once


def _language() -> str:
    return get_language() or "nl"


def _overview(
    request: HttpRequest, citizen: identity.Citizen, refused: str = "", status: int = 200
) -> HttpResponse:
    # The registries are read only when the citizen asks for a credential: each read is a
    # use of their data by the issuer, logged and shown under "Who used my data".
    rows = [
        {"configuration": c, "available": citizen.person_id is not None and c.id != refused}
        for c in configurations.CONFIGURATIONS.values()
    ]
    issued = _issued_to(citizen)
    context = {
        "rows": rows,
        "citizen": citizen,
        "issued": issued,
        "withdrawn": any(item["status"] != "valid" for item in issued),
        "withdrawable": any(item["status"] != "revoked" for item in issued),
        "just_withdrawn": _just_withdrawn(request),
        # A shared cache may keep the list for its time to live (Cache-Control max-age),
        # and a verifier its copy for as long again: at most twice, in minutes rounded up.
        "ttl_minutes": max(1, -(-2 * settings.CREDENTIALS_STATUS_TTL // 60)),
    }
    return render(request, "credentials/overview.html", context, status=status)


def _issued_to(citizen: identity.Citizen) -> list[dict[str, Any]]:
    """What the citizen was issued, with its status: a suspension is news to them too."""
    if citizen.person_id is None:
        return []
    names = catalog.organisation_names(_language())
    return [
        {
            "row": row,
            "title": configurations.title_of(row.type),
            "issuer": names.get(row.organisation, row.organisation),
            "status": row.status,
            "by_holder": row.status_changed_by == BY_HOLDER,
        }
        for row in services.issued_to(citizen.person_id)
    ]


def _just_withdrawn(request: HttpRequest) -> int:
    """How many credentials the holder just withdrew, once: the next overview says nothing."""
    count = request.session.pop(JUST_WITHDRAWN, 0)
    return count if isinstance(count, int) else 0


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request, identity.require_loa(request, ISSUANCE_LOA))


@posted_from("credentials:overview")
def offer(request: HttpRequest) -> HttpResponse:
    """Shown once: the offer's code exists only in this page and the wallet that takes it."""
    citizen = identity.require_loa(request, ISSUANCE_LOA)
    configuration_id = request.POST.get("configuration", "")
    if configuration_id not in configurations.CONFIGURATIONS or citizen.person_id is None:
        raise Http404("no such credential")
    try:
        new = issuance.create_offer(configuration_id, citizen.person_id)
    except issuance.NothingToIssueError:
        return _overview(request, citizen, refused=configuration_id, status=404)
    wallet = reverse("credentials:wallet") + "?" + urlencode({"offer": new.link})
    context = {
        "offer": new,
        "qr": qr_svg(new.link, _("QR code of the credential offer")),
        "wallet_url": wallet,
    }
    return _no_store(render(request, "credentials/offer.html", context))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@require_GET
def offer_status(request: HttpRequest, credential_offer_id: uuid.UUID) -> HttpResponse:
    """Whether the wallet took the offer: a page, or for the offer page's htmx poll a
    fragment once it changed (204 while waiting; 286 tells htmx to stop polling)."""
    citizen = identity.require_loa(request, ISSUANCE_LOA)
    state = None
    if citizen.person_id is not None:
        state = issuance.offer_state(credential_offer_id, citizen.person_id)
    if state is None:
        raise Http404("no such offer")
    context = {"state": state, "offer_id": credential_offer_id}
    if not _is_htmx(request):
        return _no_store(render(request, "credentials/offer_state.html", context))
    if state is issuance.OfferState.WAITING:
        return _no_store(HttpResponse(status=204))
    context["over"] = True  # also take the code and QR code off the offer page
    return _no_store(render(request, "credentials/offer_status.html", context, status=286))


@require_GET
def verifier_list(request: HttpRequest) -> HttpResponse:
    verifiers = list(presentations.VERIFIERS.values())
    return render(request, "credentials/verifiers.html", {"verifiers": verifiers})


def _verifier(slug: str) -> presentations.DemoVerifier:
    found = presentations.VERIFIERS.get(slug)
    if found is None:
        raise Http404("no such verifier")
    return found


def verifier_start(request: HttpRequest, slug: str) -> HttpResponse:
    verifier = _verifier(slug)
    if request.method != "POST":
        return render(request, "credentials/verifier.html", {"verifier": verifier})
    started = presentations.start(slug, _language())
    mine = request.session.get(_MY_REQUESTS, [])[-20:]
    request.session[_MY_REQUESTS] = [*mine, str(started.id)]
    return HttpResponseRedirect(reverse("credentials:verdict", args=[slug, started.id]))


@require_GET
def verdict(request: HttpRequest, slug: str, request_id: uuid.UUID) -> HttpResponse:
    verifier = _verifier(slug)
    mine = str(request_id) in request.session.get(_MY_REQUESTS, [])
    code = request.GET.get("response_code", "")[:100]
    found = presentations.answered(request_id, code, mine)
    if found is None or found.verifier != slug:
        raise Http404("no such request")
    waiting = presentations.is_open(found)
    if _is_htmx(request):  # the waiting page's poll: reload once there is something to show
        return _no_store(HttpResponse(status=204) if waiting else _refresh())
    context: dict[str, object] = {
        "verifier": verifier,
        "request_row": found,
        "checks": CHECKS,
        "waiting": waiting,
    }
    if waiting:
        link = presentations.link(found)
        context |= {
            "link": link,
            "qr": qr_svg(link, _("QR code of the presentation request")),
            "wallet_url": reverse("credentials:wallet-present")
            + "?"
            + urlencode({"request": link}),
        }
    return _no_store(render(request, "credentials/verdict.html", context))


def _refresh() -> HttpResponse:
    response = HttpResponse(status=200)
    response["HX-Refresh"] = "true"
    return response
