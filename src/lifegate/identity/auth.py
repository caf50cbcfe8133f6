# SPDX-License-Identifier: EUPL-1.2
"""Authentication of agencies' systems on the APIs: a bearer token bound to an organisation.

from lifegate.identity.auth import AgencyAuth, organisation_of

router = Router(auth=AgencyAuth())

@router.get("/things")
def list_things(request):
    organisation = organisation_of(request)   # e.g. "svb"
"""

from __future__ import annotations

import functools
import logging
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from lifegate.core.problems import Problem, ProblemError
from lifegate.identity import models
from lifegate.identity.provider.server import digest
from lifegate.identity.tokencache import TokenCache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyPrincipal:
    """Who calls: the organisation the token was issued for, and its client id."""

    organisation_id: str
    client_id: str


# Verified tokens per server process: a repeated request skips the database. A revocation
# in any process of this installation (same LIFEGATE_HOME) changes the epoch file, which
# every lookup reads, so a revoked token is refused at once everywhere; an installation of
# several hosts without a shared LIFEGATE_HOME sees it after at most CACHE_MAX_AGE seconds.
CACHE_SIZE = 4096
CACHE_MAX_AGE = 60.0
_verified: TokenCache[AgencyPrincipal] = TokenCache(CACHE_SIZE, CACHE_MAX_AGE, time.time)


@functools.cache
def _epoch_path(home: str) -> str:
    return str(Path(home) / "run" / "agency-token-revocations")


def _epoch_file() -> Path:
    return Path(_epoch_path(str(settings.HOME)))


def _revocation_epoch() -> bytes:
    # os.open/os.read of a known path rather than Path.read_text: this runs on every request
    try:
        handle = os.open(_epoch_path(str(settings.HOME)), os.O_RDONLY)
    except FileNotFoundError:
        return b""
    try:
        return os.read(handle, 64)
    finally:
        os.close(handle)


def _new_epoch() -> None:
    _verified.clear()
    marker = _epoch_file()
    marker.parent.mkdir(parents=True, exist_ok=True)
    fresh = marker.with_name(f"{marker.name}.{uuid.uuid4().hex}")
    fresh.write_text(uuid.uuid4().hex)
    fresh.replace(marker)  # atomic: a reader sees the old epoch or the new one


def note_revocation() -> None:
    """Forget every verified token in every process (call after revoking tokens or clients).

    Now, and again when the caller's transaction commits: a process that read the row
    before the commit may have remembered it under the new epoch."""
    _new_epoch()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_epoch)


def forget_on_change(sender: type, instance: object, **kwargs: object) -> None:
    """Signal receiver: a deleted client, or a token saved as revoked."""
    if kwargs.get("signal") is post_save and not getattr(instance, "revoked", False):
        return  # a token issued, not revoked
    note_revocation()


def connect_revocation_signals() -> None:
    """Called once from the app config: changes made outside `revoke_client_tokens` (the admin,
    a cascade) also clear the cache."""
    post_delete.connect(forget_on_change, sender=models.Client)  # its tokens go with it
    post_save.connect(forget_on_change, sender=models.AccessToken)
    # No post_delete receiver on AccessToken: it would turn every bulk delete of tokens into
    # a delete per row. Revoke a token (revoked=True) rather than deleting it.


def agency_for_token(token: str) -> AgencyPrincipal | None:
    """The agency a bearer token belongs to, or None when it is unknown, expired or revoked."""
    key = digest(token)
    epoch = _revocation_epoch()  # read before the database, so a revocation in between wins
    cached = _verified.get(key, epoch)
    if cached is not None:
        return cached
    row = (
        models.AccessToken.objects.filter(
            token_digest=key,
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
    principal = AgencyPrincipal(row.organisation_id, row.client.client_id)
    _verified.put(key, principal, row.expires_at.timestamp(), epoch)
    return principal


def agency_of_request(request: HttpRequest) -> AgencyPrincipal | None:
    """The agency whose valid access token a request carries (`Authorization: Bearer`), or
    None; for middleware that runs before the API's `AgencyAuth` (per-organisation limits)."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    token = value.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return agency_for_token(token)


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
