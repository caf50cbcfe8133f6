# SPDX-License-Identifier: EUPL-1.2
"""Writing the processing log: one record per data subject, each also a ledger entry.

The ledger entry holds the record's canonical bytes (ids, keyed hashes, field names,
times; no personal data in clear), so a citizen's page can prove each record it shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from lifegate.config.secrets import load_or_create_secret
from lifegate.exchange import models as tables
from lifegate.exchange.trace import TraceContext
from lifegate.ledger import services as ledger

_PREFIX = b"lifegate-processing-v1\n"
_keys: dict[Path, bytes] = {}


def _subject_key() -> bytes:
    home = Path(settings.HOME)
    if home not in _keys:
        _keys[home] = load_or_create_secret(home, "exchange-subject-key").encode()
    return _keys[home]


def subject_hash(kind: str, identifier: str) -> str:
    """The keyed hash a data subject is logged under (never the identifier itself)."""
    message = f"{kind}:{identifier}".encode()
    return hmac.new(_subject_key(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Entry:
    """What one record says, before it is written."""

    trace: TraceContext
    activity_id: str
    organisation_id: str
    subject_hash: str
    status: str
    fields: tuple[str, ...]
    started_at: dt.datetime
    ended_at: dt.datetime
    reason: str = ""
    basis: str = ""
    journey: str = ""
    actor_hash: str = ""


def leaf_of(record: tables.ProcessingRecord) -> bytes:
    """The ledger entry of a record: canonical JSON of every column but the ledger index."""
    body = {
        "id": str(record.id),
        "trace": record.trace_id,
        "span": record.span_id,
        "parent": record.parent_span_id,
        "activity": record.activity_id,
        "organisation": record.organisation_id,
        "subject": record.subject_hash,
        "actor": record.actor_hash,
        "status": record.status,
        "reason": record.reason,
        "fields": list(record.fields),
        "basis": record.basis,
        "journey": record.journey,
        "start": record.started_at.astimezone(dt.UTC).isoformat(),
        "end": record.ended_at.astimezone(dt.UTC).isoformat(),
    }
    return _PREFIX + json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def write(entry: Entry) -> uuid.UUID:
    """Write the record and its ledger entry in one transaction; raises if either fails.

    Returns the record's id. In the caller's transaction when there is one (a savepoint),
    else its own: committed when this returns."""
    record = _record(entry)
    with transaction.atomic():
        appended = ledger.append([leaf_of(record)])
        record.ledger_index = appended.first_index
        record.save(force_insert=True)
    return record.id


def write_many(entries: list[Entry]) -> list[uuid.UUID]:
    """Write many records with one ledger append and one bulk INSERT, in one transaction
    (a bulk read logs one record per person); raises if any fails, and then none is written."""
    if not entries:
        return []
    records = [_record(entry) for entry in entries]
    with transaction.atomic():
        appended = ledger.append([leaf_of(record) for record in records])
        for offset, record in enumerate(records):
            record.ledger_index = appended.first_index + offset
        tables.ProcessingRecord.objects.bulk_create(records, batch_size=500)
    return [record.id for record in records]


def _record(entry: Entry) -> tables.ProcessingRecord:
    return tables.ProcessingRecord(
        trace_id=entry.trace.trace_id,
        span_id=entry.trace.span_id,
        parent_span_id=entry.trace.parent_span_id,
        activity_id=entry.activity_id,
        organisation_id=entry.organisation_id,
        subject_hash=entry.subject_hash,
        actor_hash=entry.actor_hash,
        status=entry.status,
        reason=entry.reason,
        fields=list(entry.fields),
        basis=entry.basis,
        journey=entry.journey,
        started_at=entry.started_at,
        ended_at=entry.ended_at,
    )
