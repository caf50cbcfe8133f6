# SPDX-License-Identifier: EUPL-1.2
"""Status indices and Token Status Lists of the issuing organisations: allocate an index at
random (persisted, never reused), publish the signed list, revoke and suspend."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from lifegate.credentials import configurations, keystore, notices
from lifegate.credentials.models import CredentialStatus, IssuedCredential, StatusListRecord
from lifegate.credentials.statuslist import IndexAllocator, Status, StatusList, sign_status_list

logger = logging.getLogger(__name__)

LIST_SIZE = 1 << 16
BITS = 2  # valid, revoked, suspended
TOKEN_VALIDITY = 24 * 3600  # a served list is re-signed at least daily
_ALLOCATION_TRIES = 5
_ON_LIST = {CredentialStatus.REVOKED: Status.INVALID, CredentialStatus.SUSPENDED: Status.SUSPENDED}


class CredentialNotFoundError(Exception):
    """No credential with this id was issued by this organisation."""


class StatusChangeRefusedError(Exception):
    """A revoked credential stays revoked."""


def _open_list(organisation: str) -> StatusListRecord:
    latest = StatusListRecord.objects.filter(organisation=organisation).order_by("-number").first()
    if latest is not None:
        return latest
    record, _ = StatusListRecord.objects.get_or_create(
        organisation=organisation, number=1, defaults={"size": LIST_SIZE}
    )
    return record


def _free_index(organisation: str) -> tuple[StatusListRecord, int]:
    record = _open_list(organisation)
    used = IssuedCredential.objects.filter(status_list=record).values_list(
        "status_index", flat=True
    )
    allocator = IndexAllocator(record.size, used)
    if allocator.free == 0:
        record, _ = StatusListRecord.objects.get_or_create(
            organisation=organisation, number=record.number + 1, defaults={"size": LIST_SIZE}
        )
        allocator = IndexAllocator(record.size)
    return record, allocator.allocate()


def issue_with_index(
    organisation: str, build: Callable[[StatusListRecord, int], IssuedCredential]
) -> IssuedCredential:
    """Allocate a random free index and save `build(list, index)` with it.

    The unique constraint on (list, index) is the real guard: when another worker took the
    same index in the meantime, the insert fails and a new index is drawn.
    """
    for _ in range(_ALLOCATION_TRIES):
        record, index = _free_index(organisation)
        try:
            with transaction.atomic():
                row = build(record, index)
                row.save(force_insert=True)
                return row
        except IntegrityError:
            continue
    raise RuntimeError("no free status index after several tries")


def _sign(record: StatusListRecord, now: int) -> str:
    statuses = StatusList(record.size, BITS)
    marked = IssuedCredential.objects.filter(status_list=record).exclude(
        status=CredentialStatus.VALID
    )
    for index, status in marked.values_list("status_index", "status"):
        statuses.set(index, _ON_LIST[CredentialStatus(status)])
    key = keystore.signing_key(f"issuer-{record.organisation}")
    return sign_status_list(
        statuses,
        uri=configurations.status_list_uri(record.organisation, record.number),
        key=key.key,
        iat=now,
        exp=now + TOKEN_VALIDITY,
        ttl=settings.CREDENTIALS_STATUS_TTL,
        iss=configurations.issuer_id(record.organisation),
        kid=key.kid,
    )


def status_list_token(organisation: str, number: int) -> str | None:
    """The signed `statuslist+jwt` to serve; the same text until a status changes."""
    record = StatusListRecord.objects.filter(organisation=organisation, number=number).first()
    if record is None:
        return None
    now = int(time.time())
    if record.token and record.token_fresh_until > now + settings.CREDENTIALS_STATUS_TTL:
        return record.token
    token = _sign(record, now)
    # Stored only if no status changed while signing; otherwise the next request re-signs.
    StatusListRecord.objects.filter(pk=record.pk, version=record.version).update(
        token=token, token_fresh_until=now + TOKEN_VALIDITY
    )
    return token


def set_status(
    organisation: str, credential_id: uuid.UUID, status: CredentialStatus, *, by: str
) -> IssuedCredential:
    """Revoke, suspend or reinstate one of `organisation`'s credentials, in every copy."""
    with transaction.atomic():
        row = (
            IssuedCredential.objects.one_per_credential()
            .select_for_update()
            .filter(pk=credential_id, organisation=organisation)
            .first()
        )
        if row is None:
            raise CredentialNotFoundError(str(credential_id))
        if row.status == CredentialStatus.REVOKED and status != CredentialStatus.REVOKED:
            raise StatusChangeRefusedError("a revoked credential cannot be reinstated")
        if row.status != status:
            _change(row, status, by)
    return row


def _change(row: IssuedCredential, status: CredentialStatus, by: str) -> None:
    """The new status on the credential and its copies, their lists to be signed again, and
    the holder told (once, whatever the number of copies)."""
    row.status = status
    row.status_changed_at = timezone.now()
    row.status_changed_by = by[:150]
    copies = IssuedCredential.objects.filter(Q(pk=row.pk) | Q(copy_of=row))
    copies.update(
        status=row.status,
        status_changed_at=row.status_changed_at,
        status_changed_by=row.status_changed_by,
    )
    StatusListRecord.objects.filter(pk__in=copies.values("status_list")).update(
        token="", token_fresh_until=0, version=F("version") + 1
    )
    notices.tell_holder(row)
    logger.info(
        "credentials.status_changed",
        extra={"credential": str(row.pk), "status": str(status), "by": row.organisation},
    )
