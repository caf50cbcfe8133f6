# SPDX-License-Identifier: EUPL-1.2
"""What issuing and verifying leave behind is kept no longer than it is of use.

- A demo verifier's request holds its verdict, and so the claims the holder disclosed: it
  is deleted a day after it expired (a desk looks back at today's checks, not at last
  year's).
- An offer no one collected is deleted a day after it expired.
- The access and refresh tokens of a credential (their digests) are deleted a day after the
  credential expired: no new copies of it are issued any more. Its offer goes with them.

The issued credentials themselves stay: their status list indexes are never given out
again, and officials answer for what was issued.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from lifegate.credentials.models import CredentialOffer, IssuanceGrant, PresentationRequest
from lifegate.outbox.scheduling import Waker

KEPT_AFTER_EXPIRY = dt.timedelta(days=1)
NEXT_SWEEP = dt.timedelta(hours=1)  # soon enough for what is kept a day
# Woken when a request or an offer is made; it plans its own next run while any is left.
HOUSEKEEPING = Waker("lifegate.credentials.tasks.housekeep")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Swept:
    requests: int
    offers: int
    grants: int


def sweep(now: dt.datetime) -> Swept:
    """Delete what is past its use (see the module's text); returns how many of each."""
    before = now - KEPT_AFTER_EXPIRY
    with transaction.atomic():
        _, verdicts = PresentationRequest.objects.filter(expires_at__lt=before).delete()
        _, grants = _spent_grants(before).delete()
        # Offers never collected, and those whose every grant is gone with its credential.
        _, offers = CredentialOffer.objects.filter(
            Q(redeemed_at__isnull=True, expires_at__lt=before)
            | Q(redeemed_at__isnull=False, grants__isnull=True)
        ).delete()
    swept = Swept(
        verdicts.get(PresentationRequest._meta.label, 0),
        offers.get(CredentialOffer._meta.label, 0),
        grants.get(IssuanceGrant._meta.label, 0) + offers.get(IssuanceGrant._meta.label, 0),
    )
    if swept.requests or swept.offers or swept.grants:
        logger.info("credentials.housekeeping.swept", extra=dataclasses.asdict(swept))
    return swept


def _spent_grants(before: dt.datetime) -> QuerySet[IssuanceGrant]:
    """Grants whose credential expired before `before`, and those that never gave one
    (refused, or their access token unused) once they expired."""
    return IssuanceGrant.objects.filter(
        Q(renews__expires_at__lt=before)
        | Q(renews__isnull=True, credential__expires_at__lt=before)
        | Q(renews__isnull=True, credential__isnull=True, expires_at__lt=before)
    )


def plan(now: dt.datetime) -> None:
    """A sweep within the hour (called as requests and offers are made; checks the queue
    at most once a second per process)."""
    HOUSEKEEPING.wake(now + NEXT_SWEEP)


def anything_left() -> bool:
    """Whether a later sweep may find something: then the job plans another run."""
    return PresentationRequest.objects.exists() or CredentialOffer.objects.exists()
