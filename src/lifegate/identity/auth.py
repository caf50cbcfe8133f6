# SPDX-License-Identifier: EUPL-1.2
"""Authentication of agencies' systems on the APIs: a bearer token bound to an organisation.

from lifegate.identity.auth import AgencyAuth, organisation_of

router = Router(auth=AgencyAuth())

@router.get("/things")
def list_things(request):
    organisation = organisation_of(request)   # e.g. "svb"
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from lifegate.core.problems import Problem, ProblemError
from lifegate.identity import models
from lifegate.identity.provider.server import digest

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyPrincipal:
    """Who calls: the organisation the token was issued for, and its client id."""

    organisation_id: str
    client_id: str


def agency_for_token(token: str) -> AgencyPrincipal | None:
    """The agency a bearer token belongs to, or None when it is unknown, expired or revoked."""
    row = (
        models.AccessToken.objects.filter(
            token_digest=digest(token),
            revoked=False,
            expires_at__gt=timezone.now(),
            client__kind=models.Client.AGENCY,
        )
        .select_related("client")
        .first()
    )
    if row is None:
        logger.info("identity.agency_token_refused")
        return None
    return AgencyPrincipal(row.organisation_id, row.client.client_id)


class AgencyAuth(HttpBearer):
    """django-ninja auth: `Authorization: Bearer <token from POST /oauth2/token>`."""

    openapi_description = (
        "Access token of an agency's system, from POST /oauth2/token with the client "
        "credentials grant and private_key_jwt client authentication (RFC 7523)."
    )

    def authenticate(self, request: HttpRequest, token: str) -> AgencyPrincipal | None:
        return agency_for_token(token)


def organisation_of(request: HttpRequest) -> str:
    """The organisation id of the agency calling this API operation (needs `AgencyAuth`)."""
    principal = getattr(request, "auth", None)
    if not isinstance(principal, AgencyPrincipal):
        raise ProblemError(
            Problem("unauthorized", "Send an agency access token: Authorization: Bearer <token>.")
        )
    return principal.organisation_id
