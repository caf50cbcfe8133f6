# SPDX-License-Identifier: EUPL-1.2
"""What the open-data catalogue says about itself, as plain values (DCAT and CKAN read it).

Pure: no Django, no IO.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lifegate.catalog.cpsv.model import LangText
from lifegate.opendata.datasets import TableSpec
from lifegate.opendata.records import Period

LICENCE = "http://creativecommons.org/licenses/by/4.0/"
LICENCE_TITLE = "Creative Commons Attribution 4.0"
CKAN_LICENCE_ID = "CC-BY-4.0"


@dataclass(frozen=True)
class FileInfo:
    """One downloadable file of a release, with where to get it."""

    period: str
    version: int
    table: str
    name: str
    media_type: str
    byte_size: int
    sha256: str
    url: str
    published: dt.datetime
    epsilon: float = 0.0  # privacy loss of the release the file belongs to

    @property
    def format(self) -> str:
        return {"text/csv": "CSV", "application/vnd.apache.parquet": "Parquet"}.get(
            self.media_type, "JSON"
        )


@dataclass(frozen=True)
class DatasetInfo:
    """One table as a dataset: its current files and the months it covers."""

    spec: TableSpec
    files: tuple[FileInfo, ...]
    periods: tuple[Period, ...]
    page: str  # the dataset's HTML page (English)
    modified: dt.datetime | None

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Publisher:
    """Who publishes: the platform operator, with a contact point and addresses."""

    base_url: str
    name: LangText
    email: str
    organisation_id: str = "lifegate"

    def url(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"


SPATIAL_NL = "http://publications.europa.eu/resource/authority/country/NLD"
HVD_STATISTICS = "http://data.europa.eu/bna/c_e1da4e07"
HVD_REGULATION = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
