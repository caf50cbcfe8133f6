# SPDX-License-Identifier: EUPL-1.2
"""Pages of the demo eID provider: the persona picker (authorize) and end-session."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from authlib.oauth2 import OAuth2Error  # type: ignore[import-untyped]
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods
from joserfc import jwt
from joserfc.errors import JoseError

from lifegate.identity import keys, loa, models
from lifegate.identity.provider import claims as persona_claims
from lifegate.identity.provider.endpoints import require_demo_eid
from lifegate.identity.provider.server import DemoUser, demo_eid_server, demo_issuer

logger = logging.getLogger(__name__)


def _language(request: HttpRequest) -> str:
    """The first of the RP's `ui_locales` this provider speaks (OIDC Core 3.1.2.1)."""
    for tag in request.GET.get("ui_locales", "").split():
        if tag[:2].lower() in {"nl", "en"}:
            return tag[:2].lower()
    return "nl"


def _offered_levels(request: HttpRequest) -> tuple[str, ...]:
    asked = [loa.level_of(uri) for uri in request.GET.get("acr_values", "").split()]
    valid = [level for level in asked if level]
    if not valid:
        return loa.LEVELS
    return loa.levels_from(min(valid, key=loa.LEVELS.index))


def _other_language_url(request: HttpRequest, language: str) -> str:
    query = request.GET.copy()
    query["ui_locales"] = "en" if language == "nl" else "nl"
    return f"{request.path}?{query.urlencode()}"


def _refused(request: HttpRequest, error: OAuth2Error) -> HttpResponse:
    logger.warning("demo_eid.authorize_refused", extra={"error": error.error})
    if error.redirect_uri:  # only set by authlib once the client and redirect_uri checked out
        return demo_eid_server().handle_error_response(request, error)  # type: ignore[no-any-return]
    context = {"description": error.get_error_description() or error.error}
    return render(request, "identity/demo_eid/refused.html", context, status=400)


def _picker(request: HttpRequest, grant: Any, language: str, error: str = "") -> HttpResponse:
    levels = _offered_levels(request)
    choices = persona_claims.choices()
    context = {
        "client_name": grant.request.client.name,
        "national": [c for c in choices if c.scheme == persona_claims.NATIONAL],
        "foreign": [c for c in choices if c.scheme == persona_claims.EIDAS],
        "levels": levels,
        "default_level": "substantial" if "substantial" in levels else levels[0],
        "error": error,
        "other_language_url": _other_language_url(request, language),
    }
    return render(
        request, "identity/demo_eid/authorize.html", context, status=400 if error else 200
    )


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    require_demo_eid()
    language = _language(request)
    with translation.override(language):
        server = demo_eid_server()
        try:
            grant = server.get_consent_grant(request, end_user=None)
        except OAuth2Error as error:
            return _refused(request, error)
        if request.method == "GET":
            return _picker(request, grant, language)
        if "cancel" in request.POST:
            return server.create_authorization_response(request, grant_user=None, grant=grant)  # type: ignore[no-any-return]
        level = request.POST.get("loa", "")
        claims = persona_claims.claims_for(request.POST.get("persona", ""), level)
        if claims is None or level not in _offered_levels(request):
            return _picker(request, grant, language, error="choose")
        user = DemoUser(claims=claims)
        grant = server.get_consent_grant(request, end_user=user)
        return server.create_authorization_response(request, grant_user=user, grant=grant)  # type: ignore[no-any-return]


def _hinted_client(id_token_hint: str) -> tuple[models.Client, str] | None:
    """The client and subject of an ID token this provider issued (expired ones count too)."""
    try:
        token = jwt.decode(
            id_token_hint, keys.provider_signing_key(), algorithms=[keys.SIGNING_ALG]
        )
    except (JoseError, ValueError):
        return None
    if token.claims.get("iss") != demo_issuer():
        return None
    audience = token.claims.get("aud")
    client_id = audience[0] if isinstance(audience, list) and audience else audience
    client = models.Client.objects.filter(client_id=str(client_id)).first()
    return None if client is None else (client, str(token.claims.get("sub", "")))


@require_http_methods(["GET", "POST"])
def end_session(request: HttpRequest) -> HttpResponse:
    """RP-initiated logout: end the persona's tokens at this provider, then go back to the RP."""
    require_demo_eid()
    params = request.GET if request.method == "GET" else request.POST
    hinted = _hinted_client(params.get("id_token_hint", ""))
    back = params.get("post_logout_redirect_uri", "")
    with translation.override(_language(request)):
        if hinted is None:
            return render(request, "identity/demo_eid/signed_out.html", status=400)
        client, subject = hinted
        models.AccessToken.objects.filter(client=client, claims__sub=subject).update(revoked=True)
        if back and back in client.post_logout_redirect_uris:
            state = params.get("state")
            query = f"?{urlencode({'state': state})}" if state else ""
            return HttpResponseRedirect(back + query)
        return render(request, "identity/demo_eid/signed_out.html")
