# SPDX-License-Identifier: EUPL-1.2
"""From activity records to a release: bound contributions, count, add noise, suppress.

Pure: no Django, no IO.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lifegate.opendata.datasets import JOURNEYS, PROCESSING, SERVICES, TABLES, TableSpec
from lifegate.opendata.domain import Domain
from lifegate.opendata.privacy import (
    PrivacyParameters,
    QuerySpend,
    noisy_counts,
    private_quantile,
    suppress,
)
from lifegate.opendata.records import ActivityRecord, Kind, Period

CellKey = tuple[str, ...]
Row = dict[str, Any]

MEASURE_KINDS: dict[str, Kind] = {
    "journeys_started": Kind.JOURNEY_STARTED,
    "offers_made": Kind.OFFER_MADE,
    "offers_accepted": Kind.OFFER_ACCEPTED,
    "cases_opened": Kind.CASE_OPENED,
    "cases_decided": Kind.CASE_DECIDED,
}
QUANTILES: dict[str, float] = {"processing_days_median": 0.5, "processing_days_p90": 0.9}


@dataclass
class ReleaseTables:
    """The rows of every table of one period's release and the privacy loss it cost."""

    period: Period
    rows: dict[str, list[Row]] = field(default_factory=dict)
    spends: list[QuerySpend] = field(default_factory=list)

    @property
    def epsilon(self) -> float:
        return round(sum(spend.epsilon for spend in self.spends), 9)


def cells(spec: TableSpec, domain: Domain) -> list[CellKey]:
    """Every cell of a table, from public knowledge only (see `domain`)."""
    if spec is JOURNEYS:
        return [(e, m) for e in domain.life_events for m in domain.municipalities]
    keys: list[CellKey] = []
    for service in domain.services:
        for organisation in service.organisations:
            if spec is PROCESSING:
                keys.extend((service.id, organisation, c) for c in service.channels)
                continue
            for event in service.events:
                keys.extend(
                    (event, service.id, organisation, m)
                    for m in domain.municipalities
                    if domain.serves(organisation, m)
                )
    return keys


def cell_of(spec: TableSpec, record: ActivityRecord) -> CellKey:
    if spec is JOURNEYS:
        return (record.life_event, record.municipality)
    if spec is SERVICES:
        return (record.life_event, record.service, record.organisation, record.municipality)
    return (record.service, record.organisation, record.channel)


def bounded(records: Iterable[ActivityRecord], limit: int) -> list[ActivityRecord]:
    """At most `limit` records per person (the earliest), so one person's effect is bounded."""
    kept: list[ActivityRecord] = []
    seen: dict[str, int] = defaultdict(int)
    for record in sorted(records, key=lambda r: (r.day, r.service, r.life_event, r.channel)):
        if seen[record.subject] < limit:
            seen[record.subject] += 1
            kept.append(record)
    return kept


def _by_kind(records: Iterable[ActivityRecord]) -> dict[Kind, list[ActivityRecord]]:
    grouped: dict[Kind, list[ActivityRecord]] = defaultdict(list)
    for record in records:
        grouped[record.kind].append(record)
    return grouped


def _true_counts(
    spec: TableSpec, keys: Sequence[CellKey], records: list[ActivityRecord], limit: int
) -> list[int]:
    index = {key: i for i, key in enumerate(keys)}
    counts = [0] * len(keys)
    for record in bounded(records, limit):
        position = index.get(cell_of(spec, record))
        if position is not None:
            counts[position] += 1
    return counts


def _decided_days(
    keys: Sequence[CellKey], records: list[ActivityRecord], limit: int
) -> dict[CellKey, list[int]]:
    """One processing time per person per cell, at most `limit` cells per person."""
    known = set(keys)
    values: dict[CellKey, dict[str, int]] = defaultdict(dict)
    for record in bounded(records, limit):
        key = cell_of(PROCESSING, record)
        if key in known and record.processing_days is not None:
            values[key].setdefault(record.subject, record.processing_days)
    return {key: list(by_subject.values()) for key, by_subject in values.items()}


def _table_rows(
    spec: TableSpec,
    domain: Domain,
    grouped: dict[Kind, list[ActivityRecord]],
    params: PrivacyParameters,
) -> tuple[list[Row], list[QuerySpend]]:
    keys = cells(spec, domain)
    limit = params.max_contributions
    columns: dict[str, list[int | None]] = {}
    spends: list[QuerySpend] = []
    for column in spec.counts:
        true = _true_counts(spec, keys, grouped[MEASURE_KINDS[column.name]], limit)
        noisy, epsilon = noisy_counts(true, params)
        columns[column.name] = [suppress(value, params.min_cell) for value in noisy]
        spends.append(QuerySpend(spec.id, column.name, epsilon))
    if spec.quantiles:
        days = _decided_days(keys, grouped[Kind.CASE_DECIDED], limit)
        decided = columns["cases_decided"]
        for column in spec.quantiles:
            values, epsilon = _quantiles(keys, days, decided, QUANTILES[column.name], params)
            columns[column.name] = values
            spends.append(QuerySpend(spec.id, column.name, epsilon * limit))
    return _rows(spec, keys, columns), spends


def _quantiles(
    keys: Sequence[CellKey],
    days: dict[CellKey, list[int]],
    decided: Sequence[int | None],
    alpha: float,
    params: PrivacyParameters,
) -> tuple[list[int | None], float]:
    """A private quantile per cell, published only where the noisy count is large enough.

    Every cell is measured (also the suppressed ones), so the loss does not depend on data.
    """
    values: list[int | None] = []
    epsilon = 0.0
    for key, count in zip(keys, decided, strict=True):
        value, epsilon = private_quantile(days.get(key, []), alpha, params)
        publish = count is not None and count >= params.min_cell_quantile
        values.append(value if publish else None)
    return values, epsilon


def _rows(
    spec: TableSpec, keys: Sequence[CellKey], columns: dict[str, list[int | None]]
) -> list[Row]:
    """Rows with at least one published count; a fully suppressed cell is left out."""
    rows: list[Row] = []
    names = [c.name for c in spec.dimensions]
    for i, key in enumerate(keys):
        measures = {name: values[i] for name, values in columns.items()}
        if all(measures[c.name] is None for c in spec.counts):
            continue
        rows.append({**dict(zip(names, key, strict=True)), **measures})
    return rows


def build_release(
    period: Period,
    records: Iterable[ActivityRecord],
    domain: Domain,
    params: PrivacyParameters,
) -> ReleaseTables:
    """Every table of the release of `period` (only records dated in `period` count)."""
    in_period = [r for r in records if period.first_day <= r.day <= period.last_day]
    grouped = _by_kind(in_period)
    release = ReleaseTables(period)
    for spec in TABLES:
        rows, spends = _table_rows(spec, domain, grouped, params)
        release.rows[spec.id] = [{"period": str(period), **row} for row in rows]
        release.spends.extend(spends)
    return release


def fingerprint(records: Iterable[ActivityRecord], params: PrivacyParameters) -> str:
    """A digest of the input and parameters: the same content gives the same digest."""
    digest = hashlib.sha256(json.dumps(params.as_dict(), sort_keys=True).encode())
    lines = sorted(repr(record) for record in records)
    for line in lines:
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()
