# SPDX-License-Identifier: EUPL-1.2
"""`read_for_statistics`: a few fields of many persons at once, for statistics only, logged.

Only an activity of the register marked `statistical` (national, not based on consent) may
read in bulk, and only the fields it lists. The registry is asked in chunks of `CHUNK`
persons (one call each, so a grant stays small enough for an HTTP header), and one log
record per person whose data came back is written with one ledger append before anything
is returned, so each read shows on that person's data-use page like any other.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from lifegate.exchange import log
from lifegate.exchange.policy import Decision, RefusedError, decide
from lifegate.exchange.reads import Requester
from lifegate.exchange.trace import TraceContext
from lifegate.registries import grants
from lifegate.registries import services as registries
from lifegate.registries.transport import RegistryCall, RegistryUnavailableError

logger = logging.getLogger(__name__)
CHUNK = 100
GRANT_SECONDS = 30


def _decision(requester: Requester, purpose: str, fields: tuple[str, ...]) -> Decision:
    decision = decide(requester.organisation, purpose, "bsn", fields)
    if not decision.activity.statistical:
        raise RefusedError("purpose-not-statistical")
    return decision


def _chunks(bsns: Sequence[str]) -> Iterator[tuple[str, ...]]:
    for start in range(0, len(bsns), CHUNK):
        yield tuple(bsns[start : start + CHUNK])


def _call(
    decision: Decision, registry: str, names: tuple[str, ...], chunk: tuple[str, ...], span: str
) -> dict[str, dict[str, Any]]:
    grant = grants.Grant(
        registry,
        names,
        tuple(grants.subject_tag(bsn) for bsn in chunk),
        decision.activity.id,
        decision.activity.organisation,
        time.time() + GRANT_SECONDS,
    )
    call = RegistryCall(registry, chunk, names, grants.encode(grant), span)
    try:
        return registries.fetch(call).records
    except RegistryUnavailableError as exc:
        raise RefusedError("registry-unavailable") from exc


def _fetch(
    decision: Decision, bsns: Sequence[str], span: TraceContext
) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for registry, names in decision.by_registry.items():
        for chunk in _chunks(bsns):
            for bsn, record in _call(decision, registry, names, chunk, span.traceparent).items():
                values = found.setdefault(bsn, {})
                values.update({f"{registry}.{name}": record.get(name) for name in names})
    return found


@dataclass(frozen=True)
class _Read:
    """What every log record of one bulk read shares."""

    requester: Requester
    purpose: str
    fields: tuple[str, ...]
    span: TraceContext
    started: dt.datetime

    def entries(self, bsns: Sequence[str], *, basis: str = "", reason: str = "") -> list[log.Entry]:
        ended = timezone.now()
        return [
            log.Entry(
                trace=self.span,
                activity_id=self.purpose,
                organisation_id=self.requester.organisation,
                subject_hash=log.subject_hash("bsn", bsn),
                status="refused" if reason else "released",
                fields=self.fields,
                started_at=self.started,
                ended_at=ended,
                reason=reason,
                basis=basis,
            )
            for bsn in bsns
        ]


def _log_refusal(read: _Read, bsns: Sequence[str], reason: str) -> None:
    try:
        log.write_many(read.entries(bsns, reason=reason))
    except DatabaseError:
        # Still refused: a refusal never depends on its log.
        logger.exception("exchange.statistics_refusal_not_logged", extra={"reason": reason})


def read_for_statistics(
    requester: Requester,
    purpose: str,
    bsns: Sequence[str],
    fields: Sequence[str],
    trace: TraceContext | None = None,
) -> dict[str, dict[str, Any]]:
    """`fields` of each of `bsns` for a statistical `purpose`: BSN -> {field: value}.

    Persons the registries do not know are absent. Raises `RefusedError` (purpose-missing,
    purpose-unknown, purpose-not-of-requester, purpose-not-statistical, fields-missing,
    field-unknown, field-not-allowed, registry-unavailable, log-unavailable); released
    only after every person's log record and ledger entry are committed."""
    read = _Read(
        requester, purpose, tuple(fields), (trace or TraceContext.new()).child(), timezone.now()
    )
    unique = list(dict.fromkeys(bsns))
    try:
        decision = _decision(requester, purpose, read.fields)
        found = _fetch(decision, unique, read.span) if unique else {}
    except RefusedError as refusal:
        _log_refusal(read, unique, refusal.reason)
        raise
    try:
        log.write_many(read.entries(list(found), basis=decision.activity.basis))
    except DatabaseError as exc:
        raise RefusedError("log-unavailable") from exc
    return found
