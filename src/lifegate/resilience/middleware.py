# SPDX-License-Identifier: EUPL-1.2
"""Overload answers 429 with Retry-After; an unavailable audit trail answers 503; every
refusal (401, 403, 429, a failed sign-in) goes into the audit trail (`refusals.py`).

Limits are token buckets per client address, per server process: every request
(`LIFEGATE_RATE_LIMIT_PER_SECOND`, `LIFEGATE_RATE_LIMIT_BURST`) and, stricter, sign-in
attempts (`LIFEGATE_SIGNIN_ATTEMPTS_PER_MINUTE`). The health check is never limited, so a
load balancer does not take a busy server out of service.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from lifegate.core.problems import PROBLEM_MEDIA_TYPE, Problem
from lifegate.identity import services as identity
from lifegate.portal.errors import error_page
from lifegate.resilience.ratelimit import RateLimiter, RequestLimits
from lifegate.resilience.refusals import SIGN_IN_WORDS, note_response
from lifegate.resilience.services import AuditUnavailableError, current_origin

logger = logging.getLogger(__name__)

_EXEMPT = ("/api/v1/health", "/static/")
_SIGN_IN_WORDS = SIGN_IN_WORDS


def _limiter(rate: float, burst: int) -> RateLimiter | None:
    # 0 (or less) turns a limit off, as the settings' help says.
    return RateLimiter(rate, burst, time.monotonic) if rate > 0 else None


def _limiters() -> tuple[RequestLimits, RateLimiter]:
    requests = RequestLimits(
        _limiter(float(settings.RATE_LIMIT_PER_SECOND), int(settings.RATE_LIMIT_BURST)),
        _limiter(
            float(settings.AGENCY_RATE_LIMIT_PER_SECOND), int(settings.AGENCY_RATE_LIMIT_BURST)
        ),
    )
    per_minute = int(settings.SIGNIN_ATTEMPTS_PER_MINUTE)
    sign_ins = RateLimiter(per_minute / 60.0, per_minute, time.monotonic)
    return requests, sign_ins


def _is_sign_in(request: HttpRequest) -> bool:
    return request.method == "POST" and any(word in request.path for word in _SIGN_IN_WORDS)


def _refusal(request: HttpRequest, status: int, retry_after: int, detail: str) -> HttpResponse:
    if request.path.startswith("/api/") or request.path.startswith("/oauth2/"):
        kind = "too-many-requests" if status == 429 else "service-unavailable"
        problem = Problem(kind, detail, status=status, instance=request.path)
        response = HttpResponse(
            json.dumps(problem.as_dict()), status=status, content_type=PROBLEM_MEDIA_TYPE
        )
    else:  # the portal's page for a server-side problem, with the honest status
        response = error_page(request, 429 if status == 429 else 500)
        response.status_code = status
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.requests, self.sign_ins = _limiters()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_origin.set(str(request.META.get("REMOTE_ADDR", "")))
        try:
            response = self._limited(request)
            note_response(request, response)
            return response
        finally:
            current_origin.reset(token)

    def _limited(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(_EXEMPT):
            return self.get_response(request)
        client = str(request.META.get("REMOTE_ADDR", ""))
        agency = identity.agency_of_request(request) if request.path.startswith("/api/") else None
        wait = self.requests.take(client, agency.organisation_id if agency else None)
        if not wait and self.requests.per_address is not None and _is_sign_in(request):
            wait = self.sign_ins.take(client)
        if wait:
            logger.info("resilience.rate_limited", extra={"retry_after": wait})
            return _refusal(request, 429, wait, "Too many requests; try again after Retry-After.")
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AuditUnavailableError):
            return None
        logger.error("resilience.audit_unavailable")
        detail = "The audit trail cannot be written, so nothing was changed. Try again later."
        return _refusal(request, 503, 30, detail)
