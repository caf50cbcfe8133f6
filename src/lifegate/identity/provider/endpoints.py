# SPDX-License-Identifier: EUPL-1.2
"""Machine endpoints of the demo eID provider and the agencies' token endpoint."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from lifegate.identity import keys, loa, models
from lifegate.identity.provider.server import agency_server, demo_eid_server, demo_issuer, digest

logger = logging.getLogger(__name__)


def require_demo_eid() -> None:
    if not settings.DEMO_EID:
        raise Http404("the demo eID provider is turned off")


def _logged(response: HttpResponse, event: str) -> HttpResponse:
    if response.status_code >= 400:
        # The OAuth error code says what was wrong; no token, code or personal data is logged.
        try:
            error = json.loads(response.content).get("error", "unknown")
        except ValueError:
            error = "unknown"
        logger.warning(event, extra={"error": error, "status": response.status_code})
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
def agency_token(request: HttpRequest) -> HttpResponse:
    """POST /oauth2/token: client credentials + private_key_jwt -> an organisation's token."""
    return _logged(agency_server().create_token_response(request), "identity.agency_token_refused")


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> HttpResponse:
    require_demo_eid()
    return _logged(demo_eid_server().create_token_response(request), "demo_eid.token_refused")


@require_GET
def discovery(request: HttpRequest) -> JsonResponse:
    require_demo_eid()
    issuer = demo_issuer()
    document: dict[str, Any] = {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "userinfo_endpoint": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/jwks",
        "end_session_endpoint": f"{issuer}/end-session",
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": [keys.SIGNING_ALG],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256", "PS256", "ES256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile"],
        "acr_values_supported": list(loa.URIS.values()),
        "claims_supported": [
            "sub",
            "acr",
            "bsn",
            "eidas_person_identifier",
            "given_name",
            "family_name",
            "birthdate",
        ],
        "ui_locales_supported": ["nl", "en"],
        "request_parameter_supported": False,
    }
    return JsonResponse(document)


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    require_demo_eid()
    return JsonResponse(keys.public_jwks(keys.provider_signing_key()))


def _bearer(request: HttpRequest) -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


@csrf_exempt
def userinfo(request: HttpRequest) -> HttpResponse:
    require_demo_eid()
    token_value = _bearer(request)
    row = models.AccessToken.objects.filter(
        token_digest=digest(token_value) if token_value else "-",
        revoked=False,
        expires_at__gt=timezone.now(),
        client__kind=models.Client.RELYING_PARTY,
    ).first()
    if row is None:
        response = JsonResponse({"error": "invalid_token"}, status=401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return _logged(response, "demo_eid.userinfo_refused")
    claims = {k: v for k, v in row.claims.items() if k != "acr"}
    return _logged(JsonResponse(claims), "demo_eid.userinfo_refused")
