# SPDX-License-Identifier: EUPL-1.2
"""The credentials block's door for other blocks and its own API and admin.

- `create_offer(configuration_id, person_id)`: a one-time OpenID4VCI offer (link, tx code).
- `issued_credentials(organisation, ...)`, `set_status(...)`: what an agency issued;
  revoke, suspend or reinstate it (the status list changes at once, verifiers follow
  within its ttl).
- `start_presentation(verifier, language)`: an OpenID4VP request of a demo verifier.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from lifegate.credentials import configurations, presentations, statuses
from lifegate.credentials.issuance import NewOffer, NothingToIssueError, create_offer
from lifegate.credentials.models import CredentialStatus, IssuedCredential
from lifegate.credentials.statuses import CredentialNotFoundError, StatusChangeRefusedError

__all__ = [
    "CredentialNotFoundError",
    "CredentialStatus",
    "IssuedCredentialView",
    "NewOffer",
    "NothingToIssueError",
    "StatusChangeRefusedError",
    "create_offer",
    "issued_credentials",
    "set_status",
    "start_presentation",
]
_PAGE = 100


@dataclass(frozen=True)
class IssuedCredentialView:
    id: uuid.UUID
    type: str
    vct: str
    label: str
    status: str
    status_list_uri: str
    status_index: int
    issued_at: dt.datetime
    expires_at: dt.datetime


def _view(row: IssuedCredential) -> IssuedCredentialView:
    return IssuedCredentialView(
        row.id,
        row.configuration,
        row.vct,
        row.label,
        row.status,
        configurations.status_list_uri(row.organisation, row.status_list.number),
        row.status_index,
        row.issued_at,
        row.expires_at,
    )


def issued_credentials(
    organisation: str, *, person_id: int | None = None, status: str | None = None
) -> list[IssuedCredentialView]:
    rows = IssuedCredential.objects.filter(organisation=organisation).select_related("status_list")
    if person_id is not None:
        rows = rows.filter(subject_person_id=person_id)
    if status is not None:
        rows = rows.filter(status=status)
    return [_view(r) for r in rows.order_by("-issued_at")[:_PAGE]]


def set_status(
    organisation: str, credential_id: uuid.UUID, status: CredentialStatus, *, by: str
) -> IssuedCredentialView:
    row = statuses.set_status(organisation, credential_id, status, by=by)
    return _view(IssuedCredential.objects.select_related("status_list").get(pk=row.pk))


def start_presentation(verifier: str, language: str) -> str:
    """The `openid4vp://` link of a new request by one of the demo verifiers."""
    return presentations.link(presentations.start(verifier, language))
