# SPDX-License-Identifier: EUPL-1.2
"""Consent per data subject and processing activity; read on every request, never cached,
so a withdrawal stops the very next read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from lifegate.exchange import models as tables
from lifegate.exchange.policy import RefusedError


def _latest(subject_hash: str, activity_id: str) -> tables.Consent | None:
    rows = tables.Consent.objects.filter(subject_hash=subject_hash, activity_id=activity_id)
    return rows.order_by("-given_at", "-pk").first()


def require(subject_hash: str, activity_id: str) -> None:
    latest = _latest(subject_hash, activity_id)
    if latest is None:
        raise RefusedError("consent-missing")
    if latest.withdrawn_at is not None:
        raise RefusedError("consent-withdrawn")


def is_given(subject_hash: str, activity_id: str) -> bool:
    latest = _latest(subject_hash, activity_id)
    return latest is not None and latest.withdrawn_at is None


def give(subject_hash: str, activity_id: str) -> None:
    with transaction.atomic():
        if not is_given(subject_hash, activity_id):
            tables.Consent.objects.create(
                subject_hash=subject_hash, activity_id=activity_id, given_at=timezone.now()
            )


def withdraw(subject_hash: str, activity_id: str) -> None:
    tables.Consent.objects.filter(
        subject_hash=subject_hash, activity_id=activity_id, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
