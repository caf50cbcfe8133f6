# SPDX-License-Identifier: EUPL-1.2
"""The portal's reference wallet: it keeps its holder key and credentials in the browser
session and talks to issuers and verifiers over HTTP, like any other wallet would."""

from __future__ import annotations

import datetime as dt
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from lifegate.credentials import configurations, trust, verdicts
from lifegate.credentials.form_posts import posted_from
from lifegate.credentials.wallet import Wallet, WalletError
from lifegate.credentials.wallet_messages import (
    CODE_REFUSED,
    NOT_AN_ISSUER,
    NOT_AN_OFFER,
    SHOWN_BEFORE,
    TX_CODE_FORM,
)

_STATE = "credentials.wallet"
_EMPTIED = "credentials.wallet_emptied"  # told once, on the next wallet page
_TIMEOUT = httpx.Timeout(10.0)


def _wallet(request: HttpRequest, client: httpx.Client) -> Wallet:
    state: dict[str, Any] = request.session.get(_STATE) or {}
    return Wallet(state, client, str(settings.PUBLIC_URL))


def _save(request: HttpRequest, wallet: Wallet) -> None:
    request.session[_STATE] = wallet.state
    request.session.modified = True


# One change to a session's wallet at a time (in this process): two tabs, or a double click,
# would otherwise both show the same copy or spend the same refresh token, and whichever
# saved last would lose what the other received. Striped, so the locks stay few.
_SESSION_LOCKS = tuple(threading.Lock() for _ in range(64))


@contextmanager
def _own_wallet(request: HttpRequest, client: httpx.Client) -> Iterator[Wallet]:
    """The session's wallet, read afresh under its lock and saved before the lock is let
    go, also when the change fails (a copy that left, a refresh token spent)."""
    key = request.session.session_key or ""
    with _SESSION_LOCKS[zlib.crc32(key.encode()) % len(_SESSION_LOCKS)]:
        # What another request saved meanwhile (this request read the session before).
        stored = request.session.load() if key else dict(request.session.items())
        state: dict[str, Any] = stored.get(_STATE) or {}
        wallet = Wallet(state, client, str(settings.PUBLIC_URL))
        try:
            yield wallet
        finally:
            _save(request, wallet)
            request.session.save()


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


# Which field of the receive form a refusal is about: marked invalid, tied to the message.
_RECEIVE_FIELDS = {
    TX_CODE_FORM: "tx_code",
    CODE_REFUSED: "tx_code",
    NOT_AN_OFFER: "offer",
    NOT_AN_ISSUER: "offer",
}


@require_http_methods(["GET", "POST"])
def wallet_home(request: HttpRequest) -> HttpResponse:
    with httpx.Client(timeout=_TIMEOUT) as client:
        if request.method != "POST":
            wallet = _wallet(request, client)
            _save(request, wallet)  # the holder key is made once and kept
            return _page(request, wallet, emptied=request.session.pop(_EMPTIED, False))
        link = request.POST.get("offer", "").strip()
        with _own_wallet(request, client) as wallet:
            try:
                held = wallet.receive(link, request.POST.get("tx_code", "").strip())
            except WalletError as error:
                invalid = _RECEIVE_FIELDS.get(error.message, "")
                return _failed(request, wallet, error, offer=link, invalid=invalid)
            return _page(request, wallet, received=_name_of(held.vct))


@posted_from("credentials:wallet")
def wallet_renew(request: HttpRequest) -> HttpResponse:
    """New copies of a credential whose copies verifiers have seen, from its issuer."""
    with httpx.Client(timeout=_TIMEOUT) as client, _own_wallet(request, client) as wallet:
        try:
            held = wallet.renew(request.POST.get("credential", ""))
        except WalletError as error:  # the wallet is saved all the same: its refresh token
            return _failed(request, wallet, error)
        return _page(request, wallet, renewed=_name_of(held.vct), renewed_copies=held.unshown)


@require_http_methods(["GET", "POST"])
def wallet_present(request: HttpRequest) -> HttpResponse:
    """GET: what the verifier asks and what would be disclosed. POST: share or decline."""
    if request.method == "POST":
        return _answer(request, request.POST.get("request", "").strip())
    link = request.GET.get("request", "").strip()
    with httpx.Client(timeout=_TIMEOUT) as client:
        wallet = _wallet(request, client)
        try:
            pending = wallet.prepare(link, get_language() or "nl")
        except WalletError as error:
            return _failed(request, wallet, error)
    shown = verdicts.readable(pending.disclosed(), get_language() or "nl")
    warning = gettext(SHOWN_BEFORE) if pending.shown_before else ""
    context = {"pending": pending, "shown": shown, "link": link, "shown_before": warning}
    return render(request, "credentials/wallet_present.html", context)


def _answer(request: HttpRequest, link: str) -> HttpResponse:
    """Share what the request asks (a copy that left counts as shown, even if refused), or
    decline it: the verifier is told nothing is shared, and the wallet notes it was asked."""
    with httpx.Client(timeout=_TIMEOUT) as client, _own_wallet(request, client) as wallet:
        try:
            pending = wallet.prepare(link, get_language() or "nl")
            if "share" in request.POST:
                answer = wallet.send(pending)
                return HttpResponseRedirect(
                    str(answer.get("redirect_uri") or reverse("credentials:wallet"))
                )
        except WalletError as error:
            return _failed(request, wallet, error)
        wallet.decline(pending)
    return HttpResponseRedirect(reverse("credentials:wallet"))


@posted_from("credentials:wallet")
def wallet_forget(request: HttpRequest) -> HttpResponse:
    """Forget the wallet, once the holder confirms; the page then says it is empty."""
    if request.POST.get("sure") != "yes":
        with httpx.Client(timeout=_TIMEOUT) as client:
            problem = gettext("Tick the box to confirm that the wallet forgets everything.")
            return _page(request, _wallet(request, client), error=problem, invalid="sure")
    request.session.pop(_STATE, None)
    request.session[_EMPTIED] = True
    return HttpResponseRedirect(reverse("credentials:wallet"))
