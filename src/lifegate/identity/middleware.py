# SPDX-License-Identifier: EUPL-1.2
"""Session lifetime (OWASP ASVS 3.3: idle and absolute timeouts) and step-up redirects."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from lifegate.identity import session as identity_session

# Writing the session on every request costs a database write; once a minute is precise enough
# for a 15-minute idle timeout.
_TOUCH_EVERY = 60


class SessionLifetimeMiddleware:
    """Ends a session that was idle too long or began too long ago, before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._enforce_lifetime(request)
        return self.get_response(request)

    def _enforce_lifetime(self, request: HttpRequest) -> None:
        session = request.session
        started = session.get(identity_session.SIGNED_IN_AT)
        if started is None:
            return
        now = int(time.time())
        last_seen = int(session.get(identity_session.LAST_SEEN, started))
        idle = now - last_seen > settings.SESSION_IDLE_SECONDS
        too_old = now - int(started) > settings.SESSION_COOKIE_AGE
        if idle or too_old:
            session.flush()
            request.user = AnonymousUser()
            return
        if now - last_seen >= _TOUCH_EVERY:
            session[identity_session.LAST_SEEN] = now

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, identity_session.StepUpRequiredError):
            return HttpResponseRedirect(identity_session.sign_in_url(request, exception.level))
        return None
