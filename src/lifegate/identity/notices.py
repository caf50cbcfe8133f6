# SPDX-License-Identifier: EUPL-1.2
"""Expiry notices: grantor and holder hear that a mandate ends soon, once per mandate end date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from lifegate.identity import models


@dataclass(frozen=True)
class Notice:
    mandate_id: int
    kind: str
    valid_until: dt.date
    created_at: dt.datetime


def _recipients(mandate: models.Mandate) -> list[int]:
    people = [mandate.holder_person_id]
    if mandate.grantor_person_id is not None:
        people.append(mandate.grantor_person_id)
    return people


def announce_expiring(today: dt.date | None = None, days: int | None = None) -> int:
    """Record a notice for each active mandate ending within `days`; returns how many are new."""
    day = today or timezone.localdate()
    horizon = day + dt.timedelta(days=settings.MANDATE_NOTICE_DAYS if days is None else days)
    expiring = models.Mandate.objects.filter(
        status=models.Mandate.ACTIVE, valid_until__gte=day, valid_until__lte=horizon
    )
    created = 0
    for mandate in expiring:
        for person_id in _recipients(mandate):
            try:
                with transaction.atomic():
                    models.MandateNotice.objects.create(
                        mandate=mandate, person_id=person_id, valid_until=mandate.valid_until
                    )
                created += 1
            except IntegrityError:
                pass  # announced before: the unique constraint makes the sweep idempotent
    return created


def notices_for(person_id: int) -> list[Notice]:
    rows = models.MandateNotice.objects.filter(person_id=person_id).order_by("-created_at")
    return [Notice(n.mandate_id, n.kind, n.valid_until, n.created_at) for n in rows]
