# SPDX-License-Identifier: EUPL-1.2
"""Citizen sign-in and sign-out: the portal side of the OpenID Connect code flow."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lifegate.identity import clients, idtoken, keys, loa, matching, rp
from lifegate.identity import session as identity_session

logger = logging.getLogger(__name__)


def _safe_next(request: HttpRequest, candidate: str, fallback: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}):
        return candidate
    return fallback


def _register_with_demo_provider() -> None:
    """With the built-in provider, the portal registers itself (idempotent, keys from HOME)."""
    if settings.OIDC_ISSUER or not settings.DEMO_EID:
        return
    clients.register_relying_party(
        settings.OIDC_CLIENT_ID,
        "lifegate",
        keys.public_jwks(keys.portal_client_key()),
        [rp.redirect_uri()],
        [rp.post_logout_redirect_uri()],
    )


def reasons() -> dict[str, str]:
    return {
        "state": _("The sign-in was started elsewhere, took too long or was already used."),
        "nonce": _("The answer of the eID provider did not belong to this sign-in."),
        "signature": _("The answer of the eID provider was not signed correctly."),
        "algorithm": _("The answer of the eID provider used a signature method we do not accept."),
        "expired": _("The answer of the eID provider had expired."),
        "audience": _("The answer of the eID provider was meant for another website."),
        "issuer": _("The answer came from another eID provider than the one we asked."),
        "loa-too-low": _("This service needs a higher level of assurance than you signed in with."),
        "cancelled": _("You cancelled the sign-in."),
        "not-in-registry": _("We cannot find your BSN in the registry."),
    }


def refused(request: HttpRequest, reason: str, language: str = "") -> HttpResponse:
    """The refusal page, in `language` when given (the language the sign-in started in)."""
    logger.warning("identity.sign_in_refused", extra={"reason": reason})
    with translation.override(language or translation.get_language()):
        explanation = reasons().get(
            reason, _("The sign-in could not be completed. Nothing was changed.")
        )
        context = {"explanation": explanation, "reason": reason}
        return render(request, "identity/refused.html", context, status=400)


def sign_in(request: HttpRequest) -> HttpResponse:
    """The sign-in page; with `start` it sends the browser to the eID provider."""
    level = request.GET.get("loa", "substantial")
    level = level if level in loa.LEVELS else "substantial"
    next_url = _safe_next(request, request.GET.get("next", ""), reverse("identity:profile"))
    if request.method != "POST":
        context = {"level": level, "next": next_url, "levels": loa.LEVELS}
        return render(request, "identity/sign_in.html", context)
    level = request.POST.get("loa", level)
    level = level if level in loa.LEVELS else "substantial"
    _register_with_demo_provider()
    try:
        url = rp.authorization_url(request, level, next_url, translation.get_language() or "nl")
    except rp.SignInRefusedError as error:
        return refused(request, error.reason)
    return HttpResponseRedirect(url)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The redirect URI: check state, redeem the code, check the ID token, start the session."""
    try:
        pending = rp.take_pending(request, request.GET.get("state", ""))
    except rp.SignInRefusedError as error:
        return refused(request, error.reason)
    with translation.override(pending["language"]):
        if request.GET.get("error"):
            reason = "cancelled" if request.GET["error"] == "access_denied" else "provider-error"
            return refused(request, reason, pending["language"])
        try:
            metadata = rp.provider()
            tokens = rp.redeem_code(metadata, request.GET.get("code", ""), pending["verifier"])
            claims = idtoken.validate(
                tokens["id_token"], metadata, pending["nonce"], pending["level"]
            )
            citizen = matching.citizen_from_claims(claims)
        except rp.SignInRefusedError as error:
            return refused(request, error.reason, pending["language"])
        identity_session.start(request, citizen, tokens["id_token"])
        logger.info("identity.signed_in", extra={"scheme": citizen.scheme, "loa": citizen.loa})
        return HttpResponseRedirect(pending["next"])


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the session here, then at the provider (RP-initiated logout)."""
    id_token = str(request.session.get(identity_session.ID_TOKEN, ""))
    language = translation.get_language() or "nl"
    request.session.flush()
    end_session = rp.end_session_url(id_token) if id_token else ""
    response = HttpResponseRedirect(end_session or f"/{language}/")
    response.set_cookie("lifegate-language", language, samesite="Lax", httponly=True)
    return response


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the browser back after its sign-out."""
    language = request.COOKIES.get("lifegate-language", "nl")
    language = language if language in {"nl", "en"} else "nl"
    return HttpResponseRedirect(f"/{language}/")
