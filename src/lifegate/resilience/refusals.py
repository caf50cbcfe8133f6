# SPDX-License-Identifier: EUPL-1.2
"""Refused and failed actions in the audit trail, seen at the edge of every request.

`RateLimitMiddleware` hands each response to `note_response`. On the happy path that is one
set lookup of the status code; only a refusal is recorded:

- a sign-in POST answered 400 or 401 (wrong password or TOTP code, unknown account, a bad
  client assertion): action `signin.admin`, `signin.official`, `signin.agency-token` or
  `signin.portal`, result `failure`, reason `credentials-refused`;
- 401: `http.<method>` (`signin.*` on sign-in pages), `refused`, `unauthenticated`;
- 403 (no permission, outside a mandate's scope, CSRF): the same, reason `forbidden`;
- 429 of the rate limiter: the same, reason `rate-limited`, at most once per address a
  minute (each 429 recorded would turn a flood into ledger writes).

Who: the signed-in user, the agency's client, the signed-in citizen, or for a sign-in the
account name or client id sent; pseudonymised like every record. What: the URL pattern
(`route:api/v1/cases/<case_id>`, no ids) or, for an unknown URL, the path's pseudonym.
A refusal whose record cannot be written is still refused, and logged.
"""

from __future__ import annotations

import logging
import re
import time

from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.urls import Resolver404, resolve

from lifegate.resilience import services
from lifegate.resilience.records import RecordError

logger = logging.getLogger(__name__)

SIGN_IN_WORDS = ("sign-in", "inloggen", "/oauth2/token", "/admin/login")
_WATCHED = frozenset({400, 401, 403, 429})
_REASONS = {401: "unauthenticated", 403: "forbidden", 429: "rate-limited"}
THROTTLE_WINDOW = 60.0  # seconds: one rate-limit record per address per window
_throttled_at: dict[str, float] = {}


def is_sign_in(request: HttpRequest) -> bool:
    return request.method == "POST" and any(word in request.path for word in SIGN_IN_WORDS)


def _sign_in_action(path: str) -> str:
    if "/oauth2/token" in path:
        return "signin.agency-token"
    if "/admin/login" in path:
        return "signin.admin"
    if "official" in path or "ambtenaren" in path:
        return "signin.official"
    return "signin.portal"


def refusal_of(request: HttpRequest, status: int) -> tuple[str, str, str] | None:
    """`(action, result, reason)` of a refused or failed request, None for any other."""
    sign_in = is_sign_in(request)
    method = re.sub(r"[^a-z]", "", (request.method or "").lower())[:12] or "other"
    action = _sign_in_action(request.path) if sign_in else f"http.{method}"
    if sign_in and status in (400, 401):
        return action, "failure", "credentials-refused"
    if status in _REASONS:
        return action, "refused", _REASONS[status]
    return None


def _citizen(request: HttpRequest) -> tuple[str, str] | None:
    if not hasattr(request, "session"):
        return None
    from lifegate.identity import services as identity  # noqa: PLC0415 - only on refusals

    citizen = identity.signed_in_citizen(request)
    if citizen is None:
        return None
    if citizen.person_id is not None:
        return ("person", str(citizen.person_id))
    return ("foreign", str(citizen.foreign_identity_id))


def _claimed(request: HttpRequest) -> str:
    try:
        return str(request.POST.get("username") or request.POST.get("client_id") or "")
    except RawPostDataException:  # the view read the body as a stream
        return ""


def actor_of(request: HttpRequest) -> tuple[str, str]:
    """Who was refused, as a `(kind, id)` pair for `record_official_action` to pseudonymise."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return ("user", str(user.pk))
    client = getattr(getattr(request, "auth", None), "client_id", None)
    if client:
        return ("client", str(client))
    if is_sign_in(request) and (claimed := _claimed(request).strip().casefold()):
        return ("account", claimed)
    return _citizen(request) or ("user", "anonymous")


def object_of(request: HttpRequest) -> tuple[str, str]:
    """The URL pattern asked for (no ids in it), or the pseudonym of an unknown path."""
    try:
        route = resolve(request.path_info).route
    except Resolver404:
        return ("path", request.path)
    return (f"route:{route}"[:120], "")


def _first_in_window(origin: str, now: float) -> bool:
    if now - _throttled_at.get(origin, -THROTTLE_WINDOW) < THROTTLE_WINDOW:
        return False
    if len(_throttled_at) > 10_000:  # a flood from many addresses: forget the old ones
        _throttled_at.clear()
    _throttled_at[origin] = now
    return True


def note_response(request: HttpRequest, response: HttpResponse) -> None:
    """Record the response in the audit trail when it refused the request."""
    status = response.status_code
    if status not in _WATCHED:
        return
    refusal = refusal_of(request, status)
    origin = services.origin_of(request)
    if refusal is None or (status == 429 and not _first_in_window(origin, time.monotonic())):
        return
    action, result, reason = refusal
    try:
        services.record_official_action(
            actor=actor_of(request),
            action=action,
            target=object_of(request),
            result=result,
            origin=origin,
            reason=reason,
        )
    except (services.AuditUnavailableError, RecordError):
        logger.error("resilience.refusal_not_audited", extra={"reason": reason})
