# SPDX-License-Identifier: EUPL-1.2
"""The portal's reference wallet: it keeps its holder key and credentials in the browser
session and talks to issuers and verifiers over HTTP, like any other wallet would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods, require_POST

from lifegate.credentials import configurations, trust, verdicts
from lifegate.credentials.wallet import Wallet, WalletError
from lifegate.credentials.wallet_messages import SHOWN_BEFORE

_STATE = "credentials.wallet"
_TIMEOUT = httpx.Timeout(10.0)


def _wallet(request: HttpRequest, client: httpx.Client) -> Wallet:
    state: dict[str, Any] = request.session.get(_STATE) or {}
    return Wallet(state, client, str(settings.PUBLIC_URL))


def _save(request: HttpRequest, wallet: Wallet) -> None:
    request.session[_STATE] = wallet.state
    request.session.modified = True


def _name_of(vct: str) -> str:
    found = configurations.BY_VCT.get(vct)
    return str(found.title) if found else vct


def _rows(wallet: Wallet) -> list[dict[str, Any]]:
    """Each credential held: its type, its issuer by name (lifegate's trusted list; the
    credential itself names its issuer only by address), and when it came."""
    names = trust.issuer_names(get_language() or "nl")
    return [
        {
            "name": _name_of(h.vct),
            "issuer": names.get(h.issuer, h.issuer),
            "received_at": dt.datetime.fromisoformat(h.received_at),
            "copies": h.copies,
            "unshown": h.unshown,
            "id": h.id,
            "renewable": wallet.can_renew(h),
        }
        for h in wallet.held()
    ]


def _history(wallet: Wallet) -> list[dict[str, Any]]:
    """What the wallet shared, newest first: when, with whom (in the page's language) and
    each claim as a person reads it."""
    language = get_language() or "nl"
    return [
        {
            "at": item.at,
            "verifier": item.name(language),
            "declined": item.declined,
            "claims": verdicts.readable(item.claims, language),
        }
        for item in wallet.history()
    ]


def _failed(
    request: HttpRequest, wallet: Wallet, error: WalletError, **context: Any
) -> HttpResponse:
    """The wallet page saying, in the user's language, what went wrong and what to do."""
    return _page(
        request, wallet, error=gettext(error.message), error_detail=error.detail, **context
    )


def _page(request: HttpRequest, wallet: Wallet, **context: Any) -> HttpResponse:
    defaults = {
        "offer": request.GET.get("offer", ""),
        "held": _rows(wallet),
        "shared": _history(wallet),
        "error": "",
    }
    status = 400 if context.get("error") else 200
    return render(request, "credentials/wallet.html", defaults | context, status=status)


@require_http_methods(["GET", "POST"])
def wallet_home(request: HttpRequest) -> HttpResponse:
    with httpx.Client(timeout=_TIMEOUT) as client:
        wallet = _wallet(request, client)
        if request.method != "POST":
            _save(request, wallet)  # the holder key is made once and kept
            return _page(request, wallet)
        link = request.POST.get("offer", "").strip()
        try:
            held = wallet.receive(link, request.POST.get("tx_code", "").strip())
        except WalletError as error:
            return _failed(request, wallet, error, offer=link)
        _save(request, wallet)
        return _page(request, wallet, received=_name_of(held.vct))


@require_POST
def wallet_renew(request: HttpRequest) -> HttpResponse:
    """New copies of a credential whose copies verifiers have seen, from its issuer."""
    with httpx.Client(timeout=_TIMEOUT) as client:
        wallet = _wallet(request, client)
        try:
            held = wallet.renew(request.POST.get("credential", ""))
        except WalletError as error:
            _save(request, wallet)  # a refresh token spent or refused is not kept
            return _failed(request, wallet, error)
        _save(request, wallet)
        return _page(request, wallet, renewed=_name_of(held.vct), renewed_copies=held.unshown)


@require_http_methods(["GET", "POST"])
def wallet_present(request: HttpRequest) -> HttpResponse:
    """GET: what the verifier asks and what would be disclosed. POST: send it."""
    source = request.POST if request.method == "POST" else request.GET
    link = source.get("request", "").strip()
    with httpx.Client(timeout=_TIMEOUT) as client:
        wallet = _wallet(request, client)
        try:
            pending = wallet.prepare(link, get_language() or "nl")
            if request.method == "POST" and "share" in request.POST:
                answer = wallet.send(pending)
                _save(request, wallet)  # with its note of what was shared
                return HttpResponseRedirect(
                    str(answer.get("redirect_uri") or reverse("credentials:wallet"))
                )
        except WalletError as error:
            _save(request, wallet)  # a copy that left is marked shown, even if refused
            return _failed(request, wallet, error)
    if request.method == "POST":  # declined: nothing is sent, the wallet notes it was asked
        wallet.decline(pending)
        _save(request, wallet)
        return HttpResponseRedirect(reverse("credentials:wallet"))
    shown = verdicts.readable(pending.disclosed(), get_language() or "nl")
    warning = gettext(SHOWN_BEFORE) if pending.shown_before else ""
    context = {"pending": pending, "shown": shown, "link": link, "shown_before": warning}
    return render(request, "credentials/wallet_present.html", context)


@require_POST
def wallet_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(_STATE, None)
    return HttpResponseRedirect(reverse("credentials:wallet"))
