# SPDX-License-Identifier: EUPL-1.2
"""The OpenID4VCI, OpenID4VP and Token Status List endpoints. They live outside /api/v1
because the specifications fix their shapes (form posts, well-known paths, JWT bodies);
errors are problem+json that also carry the OAuth `error` and `error_description`."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from lifegate.core.api import problem_response
from lifegate.core.problems import Problem, kind_for_status
from lifegate.credentials import configurations, issuance, keystore, presentations, statuses, trust
from lifegate.credentials.issuance import IssuanceError
from lifegate.credentials.openid4vc import PRE_AUTHORIZED_GRANT, REFRESH_TOKEN_GRANT
from lifegate.credentials.trust import STATUS_LIST_MEDIA_TYPE

logger = logging.getLogger(__name__)
View = Callable[..., HttpResponse]
_MAX_BODY = 64 * 1024


def _error(request: HttpRequest, error: IssuanceError) -> HttpResponse:
    extra = {"error": error.error, "error_description": error.description}
    problem = Problem(
        kind_for_status(error.status), error.description, status=error.status, extra=extra
    )
    response = problem_response(request, problem)
    response["Cache-Control"] = "no-store"
    if error.status == 401:
        response["WWW-Authenticate"] = f'Bearer error="{error.error}"'
    logger.info("credentials.refused", extra={"path": request.path, "error": error.error})
    return response


def oauth_errors(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if len(request.body) > _MAX_BODY:
            return _error(request, IssuanceError("invalid_request", "request body too large", 413))
        try:
            return view(request, *args, **kwargs)
        except IssuanceError as error:
            return _error(request, error)
        except presentations.RequestNotFoundError:
            return problem_response(request, Problem("not-found", "There is no open request here."))

    return wrapper


def _json(body: dict[str, Any], **headers: str) -> JsonResponse:
    response = JsonResponse(body)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@require_GET
def credential_issuer_metadata(request: HttpRequest) -> HttpResponse:
    issuer = configurations.credential_issuer()
    return _json(
        {
            "credential_issuer": issuer,
            "authorization_servers": [issuer],
            "credential_endpoint": configurations.endpoint("credential"),
            "nonce_endpoint": configurations.endpoint("nonce"),
            # Wallets may take each credential in copies, one per verifier (unlinkable).
            "batch_credential_issuance": {"batch_size": issuance.BATCH_SIZE},
            "display": [{"name": "lifegate", "locale": "en"}, {"name": "lifegate", "locale": "nl"}],
            "credential_configurations_supported": {
                c.id: c.to_json() for c in configurations.CONFIGURATIONS.values()
            },
        }
    )


@require_GET
def authorization_server_metadata(request: HttpRequest) -> HttpResponse:
    """RFC 8414 metadata of the token endpoint the pre-authorised code grant uses."""
    return _json(
        {
            "issuer": configurations.credential_issuer(),
            "token_endpoint": configurations.endpoint("token"),
            "grant_types_supported": [PRE_AUTHORIZED_GRANT, REFRESH_TOKEN_GRANT],
            "response_types_supported": [],
            "token_endpoint_auth_methods_supported": ["none"],
            "pre-authorized_grant_anonymous_access_supported": True,
        }
    )


@require_GET
def jwt_vc_issuer_metadata(request: HttpRequest, organisation: str) -> HttpResponse:
    """SD-JWT VC issuer metadata: the keys an organisation signs credentials with."""
    if organisation not in trust.local_issuers():
        return problem_response(request, Problem("not-found", "This organisation issues nothing."))
    keys = [key.public_jwk for key in keystore.published_keys(f"issuer-{organisation}")]
    # Verifiers keep these keys this long: how late a withdrawn key stops being trusted.
    max_age = settings.CREDENTIALS_ISSUER_KEYS_TTL
    return _json(
        {"issuer": configurations.issuer_id(organisation), "jwks": {"keys": keys}},
        Cache_Control=f"public, max-age={max_age}",
    )


@require_GET
def type_metadata(request: HttpRequest, configuration_id: str) -> HttpResponse:
    found = configurations.CONFIGURATIONS.get(configuration_id)
    if found is None:
        return problem_response(request, Problem("not-found", "There is no such credential type."))
    return _json(found.metadata.to_json(), Cache_Control="public, max-age=86400")


@csrf_exempt
@require_POST
@oauth_errors
def token(request: HttpRequest) -> HttpResponse:
    grant_type = request.POST.get("grant_type")
    if grant_type == REFRESH_TOKEN_GRANT:  # new copies of a credential already issued
        refresh_token = request.POST.get("refresh_token", "")
        if not refresh_token:
            raise IssuanceError("invalid_request", "refresh_token is required")
        return _json(issuance.renew(refresh_token), Cache_Control="no-store")
    if grant_type != PRE_AUTHORIZED_GRANT:
        raise IssuanceError(
            "unsupported_grant_type", "only the pre-authorized code and refresh token grants"
        )
    code = request.POST.get("pre-authorized_code", "")
    if not code:
        raise IssuanceError("invalid_request", "pre-authorized_code is required")
    answer = issuance.redeem(code, request.POST.get("tx_code", ""))
    return _json(answer, Cache_Control="no-store")


@csrf_exempt
@require_POST
@oauth_errors
def nonce(request: HttpRequest) -> HttpResponse:
    return _json({"c_nonce": issuance.new_nonce()}, Cache_Control="no-store")


@csrf_exempt
@require_POST
@oauth_errors
def credential(request: HttpRequest) -> HttpResponse:
    scheme, _, access_token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not access_token:
        raise IssuanceError("invalid_token", "send the access token: Authorization: Bearer", 401)
    try:
        body = json.loads(request.body)
    except ValueError as exc:
        raise IssuanceError("invalid_credential_request", "the body is not JSON") from exc
    if not isinstance(body, dict):
        raise IssuanceError("invalid_credential_request", "the body is a JSON object")
    return _json(issuance.issue(access_token.strip(), body), Cache_Control="no-store")


@require_GET
def status_list(request: HttpRequest, organisation: str, number: int) -> HttpResponse:
    """A `statuslist+jwt`, cacheable for its ttl; the ETag changes only with a status."""
    token_text = statuses.status_list_token(organisation, number)
    if token_text is None:
        return problem_response(request, Problem("not-found", "There is no such status list."))
    etag = '"' + hashlib.sha256(token_text.encode("ascii")).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={settings.CREDENTIALS_STATUS_TTL}"}
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(token_text, content_type=STATUS_LIST_MEDIA_TYPE)
    for name, value in headers.items():
        response[name] = value
    return response


@require_GET
def verifier_registration(request: HttpRequest, client_id: str) -> HttpResponse:
    found = presentations.verifier_registration(client_id)
    if found is None:
        return problem_response(request, Problem("not-found", "No verifier is registered so."))
    return _json(found)


@require_GET
@oauth_errors
def request_object(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    jwt = presentations.request_object(request_id)
    response = HttpResponse(jwt, content_type="application/oauth-authz-req+jwt")
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
@oauth_errors
def presentation_response(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    vp_token, state = request.POST.get("vp_token", ""), request.POST.get("state", "")
    error = request.POST.get("error", "")
    if error and state and not vp_token:  # the wallet answers without credentials
        answer = presentations.wallet_error(request_id, error, state)
        return _json(answer, Cache_Control="no-store")
    if not vp_token or not state:
        raise IssuanceError("invalid_request", "vp_token (or error) and state are required")
    return _json(presentations.receive(request_id, vp_token, state), Cache_Control="no-store")
