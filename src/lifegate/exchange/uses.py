# SPDX-License-Identifier: EUPL-1.2
""" "Who used my data": a subject's log records, each proven against a signed checkpoint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifegate.catalog import services as catalog
from lifegate.exchange import activities, log
from lifegate.exchange import models as tables
from lifegate.ledger import services as ledger

PAGE = 100


@dataclass(frozen=True)
class DataUse:
    when: dt.datetime
    organisation: str
    fields: list[str]
    purpose: str
    basis: str  # legal-obligation | public-task | consent | "" (refused before a purpose)
    law: str
    reference: str
    journey: str
    released: bool
    reason: str
    ledger_index: int
    intact: bool


@dataclass(frozen=True)
class DataUseLog:
    uses: list[DataUse]
    checkpoint_size: int
    origin: str
    signed_at: dt.datetime | None
    all_intact: bool


def _use(
    record: tables.ProcessingRecord,
    names: dict[str, str],
    language: str,
    head: ledger.SignedHead | None,
) -> DataUse:
    activity = activities.find(record.activity_id)
    intact = False
    if head is not None and record.ledger_index < head.checkpoint.size:
        intact = ledger.prove_entry(record.ledger_index, log.leaf_of(record), head).intact
    return DataUse(
        when=record.started_at,
        organisation=names.get(record.organisation_id, record.organisation_id),
        fields=list(record.fields),
        purpose=activity.text(language) if activity else record.activity_id,
        basis=record.basis or (activity.basis if activity else ""),
        law=activity.law_text(language) if activity else "",
        reference=activity.reference if activity else "",
        journey=record.journey,
        released=record.status == tables.ProcessingRecord.RELEASED,
        reason=record.reason,
        ledger_index=record.ledger_index,
        intact=intact,
    )


def data_uses(subject_hashes: list[str], language: str) -> DataUseLog:
    """Every logged read of these subjects (newest first), each proven against the log."""
    head = ledger.ensure_checkpoint()
    names = catalog.organisation_names(language)
    records = tables.ProcessingRecord.objects.filter(subject_hash__in=subject_hashes)
    uses = [_use(r, names, language, head) for r in records.order_by("-started_at")[:PAGE]]
    return DataUseLog(
        uses,
        head.checkpoint.size if head else 0,
        head.checkpoint.origin if head else "",
        head.signed_at if head else None,
        all(u.intact for u in uses),
    )
