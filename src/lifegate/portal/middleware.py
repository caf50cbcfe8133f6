# SPDX-License-Identifier: EUPL-1.2
"""Answer a rate-limited request with a 429 page and Retry-After instead of an error."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lifegate.portal.errors import error_page


class RateLimitedError(Exception):
    """Raised where a limit is hit; `retry_after` is the number of seconds to wait."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"rate limited, retry after {retry_after}s")
        self.retry_after = retry_after


class TooManyRequestsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RateLimitedError):
            return None
        response = error_page(request, 429)
        response["Retry-After"] = str(exception.retry_after)
        return response
