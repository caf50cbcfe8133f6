# SPDX-License-Identifier: EUPL-1.2
"""Publishing one month: all of it in one transaction and one folder rename, or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lifegate.config import env
from lifegate.opendata import files
from lifegate.opendata.accountant import Budget, BudgetExceededError, authorise, budget
from lifegate.opendata.aggregate import ReleaseTables, Row, build_release, fingerprint
from lifegate.opendata.datasets import TABLES
from lifegate.opendata.models import Distribution, Observation, Release
from lifegate.opendata.privacy import PrivacyParameters
from lifegate.opendata.records import (
    ActivitySource,
    ActivityUnavailableError,
    Period,
    PeriodError,
)
from lifegate.opendata.sources import public_domain, source

Progress = Callable[[str], None]


class Refusal(StrEnum):
    BAD_PERIOD = "bad-period"
    NOT_ENDED = "period-not-ended"
    SAME_CONTENT = "already-published"
    BUDGET = "privacy-budget-exceeded"
    SOURCE_UNAVAILABLE = "activity-unavailable"


class PublishRefusedError(Exception):
    """Nothing was published, for this reason."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class PublishResult:
    period: str
    version: int
    epsilon: float
    rows: dict[str, int]
    files: tuple[files.WrittenFile, ...]
    budget: Budget
    changes: str


def parameters() -> PrivacyParameters:
    """The privacy parameters this installation is configured with."""
    return PrivacyParameters(
        epsilon_per_count=env.OPENDATA_EPSILON_PER_COUNT.read(),
        epsilon_per_quantile=env.OPENDATA_EPSILON_PER_QUANTILE.read(),
        max_contributions=env.OPENDATA_MAX_CONTRIBUTIONS.read(),
        min_cell=env.OPENDATA_MIN_CELL.read(),
        yearly_epsilon=env.OPENDATA_YEARLY_EPSILON.read(),
    )


def files_root() -> Path:
    return Path(settings.HOME) / "opendata"


def year_budget(year: int, yearly_epsilon: float) -> Budget:
    spent = Release.objects.filter(period__startswith=f"{year:04d}-")
    return budget(year, yearly_epsilon, spent.values_list("epsilon", flat=True))


def _quiet(_message: str) -> None:
    return None


def _parse(period_text: str, today: dt.date) -> Period:
    try:
        period = Period.parse(period_text)
    except PeriodError as error:
        raise PublishRefusedError(Refusal.BAD_PERIOD, str(error)) from error
    if not period.has_ended(today):
        raise PublishRefusedError(
            Refusal.NOT_ENDED, f"{period} has not ended yet; publish it from {period.next()}-01"
        )
    return period


def publish(
    period_text: str,
    *,
    activity: ActivitySource | None = None,
    reason: str = "",
    today: dt.date | None = None,
    params: PrivacyParameters | None = None,
    on_progress: Progress = _quiet,
) -> PublishResult:
    """Publish (a new version of) the statistics of a month that has ended.

    Refused with `PublishRefusedError` when the month has not ended, when its last version
    has the same content, or when the year's privacy budget would be exceeded.
    """
    period = _parse(period_text, today or timezone.localdate())
    params = params or parameters()
    source_name = "given" if activity is not None else env.OPENDATA_SOURCE.read()
    activity = activity or source(source_name)
    on_progress(f"reading the activity of {period}")
    try:
        records = list(activity.records(period))
    except ActivityUnavailableError as error:
        raise PublishRefusedError(Refusal.SOURCE_UNAVAILABLE, str(error)) from error
    digest = fingerprint(records, params)
    with transaction.atomic():
        previous = _previous(period, digest)
        on_progress(f"counting {len(records)} records with differential privacy")
        tables = build_release(period, records, public_domain(), params)
        after = _authorised(period, tables.epsilon, params)
        version = previous.version + 1 if previous else 1
        changes = describe_changes(previous, tables, reason)
        written = _store(
            period,
            version,
            tables,
            params=params,
            digest=digest,
            changes=changes,
            on_progress=on_progress,
            source_name=source_name,
        )
    rows = {spec.id: len(tables.rows[spec.id]) for spec in TABLES}
    return PublishResult(str(period), version, tables.epsilon, rows, tuple(written), after, changes)


def _previous(period: Period, digest: str) -> Release | None:
    """The month's last version (locked); refused when it has this very content."""
    previous = Release.objects.select_for_update().filter(period=str(period)).last()
    if previous is not None and previous.fingerprint == digest:
        raise PublishRefusedError(
            Refusal.SAME_CONTENT,
            f"{period} v{previous.version} already has this content; nothing to publish",
        )
    return previous


def _authorised(period: Period, epsilon: float, params: PrivacyParameters) -> Budget:
    try:
        return authorise(year_budget(period.year, params.yearly_epsilon), epsilon)
    except BudgetExceededError as error:
        raise PublishRefusedError(Refusal.BUDGET, str(error)) from error


def _store(
    period: Period,
    version: int,
    tables: ReleaseTables,
    *,
    params: PrivacyParameters,
    digest: str,
    changes: str,
    on_progress: Progress,
    source_name: str,
) -> list[files.WrittenFile]:
    root = files_root()
    final = root / str(period) / f"v{version}"
    if final.exists():  # left by a run whose transaction did not commit: never published
        final.rename(final.with_name(f".abandoned-v{version}-{timezone.now():%Y%m%d%H%M%S}"))
    on_progress("writing CSV, Table Schema and Parquet files")
    staging, written = files.stage(root, [(s, tables.rows[s.id]) for s in TABLES])
    try:
        release = Release.objects.create(
            period=str(period),
            version=version,
            published_at=timezone.now(),
            epsilon=tables.epsilon,
            parameters=params.as_dict(),
            spends=[vars(spend) for spend in tables.spends],
            fingerprint=digest,
            changes=changes,
            source=source_name,
        )
        Distribution.objects.bulk_create(
            Distribution(release=release, **vars(item)) for item in written
        )
        Observation.objects.bulk_create(_observations(release, tables))
        files.commit_folder(staging, final)
    except BaseException:
        files.discard(staging)
        raise
    on_progress(f"published {period} v{version} (ε = {tables.epsilon:g})")
    return written


def _observations(release: Release, tables: ReleaseTables) -> list[Observation]:
    built = []
    for table_id, rows in tables.rows.items():
        for row in rows:
            keys = {name: row.get(name, "") for name in DIMENSIONS}
            measures = {k: v for k, v in row.items() if k not in DIMENSIONS and k != "period"}
            built.append(Observation(release=release, table=table_id, **keys, measures=measures))
    return built


DIMENSIONS = ("life_event", "service", "organisation", "municipality", "channel")


def _cell(table: str, values: Row) -> tuple[str, ...]:
    return (table, *(str(values.get(name) or "") for name in DIMENSIONS))


def describe_changes(previous: Release | None, tables: ReleaseTables, reason: str) -> str:
    """What a version changed against the one before: the operator's reason and a count."""
    if previous is None:
        return reason.strip() or "First release of this month."
    old = {_cell(o.table, vars(o)) for o in previous.rows.all()}
    new = {_cell(table, row) for table, rows in tables.rows.items() for row in rows}
    summary = (
        f"Corrects v{previous.version}: recomputed from corrected source data with new noise; "
        f"{len(new - old)} rows added, {len(old - new)} rows removed, {len(new & old)} rows "
        f"recomputed."
    )
    return f"{reason.strip()} — {summary}" if reason.strip() else summary
