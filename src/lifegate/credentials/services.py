# SPDX-License-Identifier: EUPL-1.2
"""The credentials block's door for other blocks and its own API and admin.

- `create_offer(configuration_id, person_id)`: a one-time OpenID4VCI offer (link, tx code).
- `issued_credentials(organisations, ...)`, `issued_credential(organisations, id)`,
  `issued_to(person_id)` (the citizen's own list),
  `set_status(...)`: what an agency issued; revoke, suspend or reinstate it (the status
  list changes at once, verifiers follow within its ttl).
- `withdrawable(person_id, credential_id=None)`, `withdraw(person_id, credential_ids)`: the
  holder revokes their own credentials (a lost or stolen wallet).
- `start_presentation(verifier, language)`: an OpenID4VP request of a demo verifier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, QuerySet

from lifegate.credentials import configurations, presentations, statuses
from lifegate.credentials.issuance import NewOffer, NothingToIssueError, create_offer
from lifegate.credentials.models import BY_HOLDER, CredentialStatus, IssuedCredential
from lifegate.credentials.statuses import CredentialNotFoundError, StatusChangeRefusedError

__all__ = [
    "CredentialNotFoundError",
    "CredentialStatus",
    "IssuedCredentialView",
    "NewOffer",
    "NothingToIssueError",
    "StatusChangeRefusedError",
    "create_offer",
    "issued_credential",
    "issued_credentials",
    "issued_to",
    "set_status",
    "start_presentation",
    "withdraw",
    "withdrawable",
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
    status_changed_at: dt.datetime | None = None
    status_changed_by: str = ""
    organisation: str = ""
    copies: int = 0  # issued in all (batches and renewals); 0: not counted


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
        row.status_changed_at,
        row.status_changed_by,
        row.organisation,
    )


def _newest(
    rows: QuerySet[IssuedCredential], limit: int | None = _PAGE
) -> list[IssuedCredentialView]:
    counted = rows.select_related("status_list").annotate(other_copies=Count("copies"))
    return [
        dataclasses.replace(_view(r), copies=1 + r.other_copies)
        for r in counted.order_by("-issued_at")[:limit]
    ]


def _counted(row: IssuedCredential) -> IssuedCredentialView:
    """The view of a first copy with how many copies there are in all."""
    copies = 1 + IssuedCredential.objects.filter(copy_of=row).count()
    return dataclasses.replace(_view(row), copies=copies)


def issued_credentials(
    organisations: list[str],
    *,
    person_id: int | None = None,
    status: str | None = None,
    configuration: str | None = None,
    label: str = "",
) -> list[IssuedCredentialView]:
    """Newest first, at most 100; `label` matches part of the label, in any case."""
    rows = IssuedCredential.objects.one_per_credential().filter(organisation__in=organisations)
    if person_id is not None:
        rows = rows.filter(subject_person_id=person_id)
    if status is not None:
        rows = rows.filter(status=status)
    if configuration is not None:
        rows = rows.filter(configuration=configuration)
    if label:
        rows = rows.filter(label__icontains=label)
    return _newest(rows)


def issued_to(person_id: int) -> list[IssuedCredentialView]:
    """What every organisation issued to this person, newest first (at most 100)."""
    return _newest(
        IssuedCredential.objects.one_per_credential().filter(subject_person_id=person_id)
    )


def issued_credential(organisations: list[str], credential_id: uuid.UUID) -> IssuedCredentialView:
    """One credential that one of `organisations` issued; else `CredentialNotFoundError`."""
    row = (
        IssuedCredential.objects.one_per_credential()
        .select_related("status_list")
        .filter(pk=credential_id, organisation__in=organisations)
        .first()
    )
    if row is None:
        raise CredentialNotFoundError(str(credential_id))
    return _counted(row)


def set_status(
    organisation: str, credential_id: uuid.UUID, status: CredentialStatus, *, by: str
) -> IssuedCredentialView:
    row = statuses.set_status(organisation, credential_id, status, by=by)
    return _counted(IssuedCredential.objects.select_related("status_list").get(pk=row.pk))


def was_issued_to(person_id: int, credential_id: uuid.UUID) -> bool:
    """Whether `credential_id` names a credential (its first copy) issued to the person."""
    return (
        IssuedCredential.objects.one_per_credential()
        .filter(subject_person_id=person_id, pk=credential_id)
        .exists()
    )


def withdrawable(
    person_id: int, credential_id: uuid.UUID | None = None
) -> list[IssuedCredentialView]:
    """The person's credentials not yet revoked (they may withdraw them): one, or all."""
    rows = (
        IssuedCredential.objects.one_per_credential()
        .filter(subject_person_id=person_id)
        .exclude(status=CredentialStatus.REVOKED)
    )
    if credential_id is not None:
        rows = rows.filter(pk=credential_id)
    return _newest(rows, limit=None)  # all: "withdraw all" must leave none out


def withdraw(person_id: int, credential_ids: list[uuid.UUID]) -> list[IssuedCredentialView]:
    """Revoke, in every copy, the holder's own credentials among `credential_ids`, all in
    one transaction; those revoked meanwhile stay as they are. `CredentialNotFoundError`
    when one is not the holder's: then nothing changes."""
    with transaction.atomic():
        rows = list(
            IssuedCredential.objects.one_per_credential()
            .select_for_update()
            .filter(subject_person_id=person_id, pk__in=credential_ids)
        )
        if len(rows) != len(set(credential_ids)):
            raise CredentialNotFoundError("not a credential issued to this person")
        withdrawn = [
            statuses.set_status(row.organisation, row.pk, CredentialStatus.REVOKED, by=BY_HOLDER)
            for row in rows
            if row.status != CredentialStatus.REVOKED
        ]
    return [_view(row) for row in withdrawn]


def start_presentation(verifier: str, language: str) -> str:
    """The `openid4vp://` link of a new request by one of the demo verifiers."""
    return presentations.link(presentations.start(verifier, language))
