# SPDX-License-Identifier: EUPL-1.2
"""The open-data block's door: publish, and read what has been published."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from lifegate.opendata.accountant import Budget
from lifegate.opendata.catalogue import DatasetInfo, FileInfo, Publisher
from lifegate.opendata.datasets import TABLES, TableSpec
from lifegate.opendata.models import Distribution, Observation, Release
from lifegate.opendata.publishing import (
    PublishRefusedError,
    PublishResult,
    Refusal,
    files_root,
    parameters,
    publish,
    year_budget,
)
from lifegate.opendata.records import ActivityRecord, ActivityUnavailableError, Kind, Period

__all__ = [
    "ActivityRecord",
    "ActivityUnavailableError",
    "Kind",
    "PublishRefusedError",
    "PublishResult",
    "Refusal",
    "budgets",
    "current_releases",
    "datasets",
    "file_path",
    "observations",
    "parameters",
    "publish",
    "publisher",
    "releases",
]


def publisher() -> Publisher:
    name = {"nl": "lifegate (platformbeheerder)", "en": "lifegate (platform operator)"}
    return Publisher(settings.PUBLIC_URL, name, settings.CONTACT_EMAIL)


def releases() -> list[Release]:
    """Every version of every month, oldest first."""
    return list(Release.objects.all())


def current_releases() -> list[Release]:
    """The latest version of each month, oldest month first."""
    latest: dict[str, Release] = {}
    for release in Release.objects.prefetch_related("files"):
        latest[release.period] = release
    return list(latest.values())


def budgets() -> list[Budget]:
    """The privacy budget of each year that has a release."""
    yearly = parameters().yearly_epsilon
    years = sorted({int(r.period[:4]) for r in Release.objects.only("period")})
    return [year_budget(year, yearly) for year in years]


def download_url(release: Release, name: str) -> str:
    return f"{settings.PUBLIC_URL}/open-data/files/{release.period}/v{release.version}/{name}"


def _file(release: Release, item: Distribution) -> FileInfo:
    return FileInfo(
        period=release.period,
        version=release.version,
        table=item.table,
        name=item.name,
        media_type=item.media_type,
        byte_size=item.byte_size,
        sha256=item.sha256,
        url=download_url(release, item.name),
        published=release.published_at,
        epsilon=release.epsilon,
    )


def _dataset(spec: TableSpec, current: list[Release]) -> DatasetInfo:
    items = tuple(
        _file(release, item)
        for release in current
        for item in release.files.all()
        if item.table == spec.id
    )
    return DatasetInfo(
        spec=spec,
        files=items,
        periods=tuple(Period.parse(r.period) for r in current),
        page=f"{settings.PUBLIC_URL}/en/open-data/datasets/{spec.id}",
        modified=max((r.published_at for r in current), default=None),
    )


def datasets() -> list[DatasetInfo]:
    """Every table as a dataset, with the files of each month's current version."""
    current = current_releases()
    return [_dataset(spec, current) for spec in TABLES]


@dataclass(frozen=True)
class ObservationPage:
    total: int
    rows: list[dict[str, Any]]


def observations(
    table: str, filters: dict[str, str], *, limit: int = 100, offset: int = 0
) -> ObservationPage:
    """Rows of a table in the current versions, filtered on period and dimension values."""
    current = {r.pk: r.period for r in current_releases()}
    query = Observation.objects.filter(table=table, release_id__in=current.keys())
    period = filters.pop("period", "")
    if period:
        query = query.filter(release__period=period)
    query = query.filter(**{k: v for k, v in filters.items() if v})
    total = query.count()
    rows = [
        {"period": current[o.release_id], **_dimensions(o), **o.measures}
        for o in query.order_by("release__period", "id")[offset : offset + limit]
    ]
    return ObservationPage(total, rows)


def _dimensions(row: Observation) -> dict[str, str]:
    names = ("life_event", "service", "organisation", "municipality", "channel")
    return {name: getattr(row, name) for name in names if getattr(row, name)}


def file_path(period: str, version: int, name: str) -> tuple[Path, str] | None:
    """The published file and its media type, or None when no release has it."""
    item = Distribution.objects.filter(
        release__period=period, release__version=version, name=name
    ).first()
    if item is None:
        return None
    return files_root() / period / f"v{version}" / item.name, item.media_type
