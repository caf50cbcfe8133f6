# SPDX-License-Identifier: EUPL-1.2
"""The CKAN action API subset harvesters call, answered from the open-data catalogue.

Pure: no Django, no IO. `ckan_views` wraps it in CKAN's envelope over HTTP.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from typing import Any

from lifegate.catalog.text import fold
from lifegate.opendata.catalogue import (
    CKAN_LICENCE_ID,
    HVD_REGULATION,
    HVD_STATISTICS,
    LICENCE,
    LICENCE_TITLE,
    DatasetInfo,
    Publisher,
)

TAGS = ("statistics", "life-events", "public-services", "differential-privacy")
CKAN_VERSION = "2.10.4"


class ActionError(Exception):
    """A CKAN error: its `__type`, HTTP status and the fields of its `error` object."""

    def __init__(self, type_: str, status: int, fields: Mapping[str, Any]) -> None:
        super().__init__(type_)
        self.type = type_
        self.status = status
        self.fields = dict(fields)


def not_found(what: str) -> ActionError:
    return ActionError("Not Found Error", 404, {"message": f"Not found: {what}"})


def validation(field: str, message: str) -> ActionError:
    return ActionError("Validation Error", 409, {field: [message]})


def check_params(params: Mapping[str, Any], allowed: set[str]) -> None:
    """CKAN refuses fields an action does not know, under `__junk`."""
    junk = sorted(set(params) - allowed)
    if junk:
        names = ", ".join(junk)
        raise validation("__junk", f"The input field {names} was not expected.")


def integer(params: Mapping[str, Any], name: str, default: int, maximum: int) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError) as error:
        raise validation(name, "Invalid integer") from error
    if value < 0:
        raise validation(name, "Must be a natural number")
    return min(value, maximum)


def organization(publisher: Publisher, count: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": publisher.organisation_id,
        "name": publisher.organisation_id,
        "title": publisher.name["en"],
        "display_name": publisher.name["en"],
        "description": publisher.name["nl"],
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
    }
    if count is not None:
        body["package_count"] = count
    return body


def _resource(info: DatasetInfo, position: int) -> dict[str, Any]:
    item = info.files[position]
    return {
        "id": f"{item.period}-v{item.version}-{item.name}",
        "package_id": info.id,
        "name": f"{item.period} v{item.version} {item.format}",
        "description": f"{info.spec.title['en']}, {item.period} (version {item.version}); "
        f"differential privacy, ε = {item.epsilon:g}",
        "url": item.url,
        "format": item.format,
        "mimetype": item.media_type,
        "size": item.byte_size,
        "hash": f"sha256:{item.sha256}",
        "created": item.published.isoformat(),
        "position": position,
        "state": "active",
        "url_type": None,
    }


def package(info: DatasetInfo, publisher: Publisher) -> dict[str, Any]:
    """A dataset as CKAN's `package_show` returns it."""
    created = min((f.published for f in info.files), default=None)
    extras = {
        "hvd_category": HVD_STATISTICS,
        "applicable_legislation": HVD_REGULATION,
        "spatial_uri": "http://publications.europa.eu/resource/authority/country/NLD",
        "temporal_start": str(info.periods[0].first_day) if info.periods else "",
        "temporal_end": str(info.periods[-1].last_day) if info.periods else "",
        "title_nl": info.spec.title["nl"],
    }
    return {
        "id": info.id, "name": info.id, "type": "dataset", "state": "active",
        "private": False, "isopen": True,
        "title": info.spec.title["en"], "notes": info.spec.description["en"],
        "url": info.page, "version": None,
        "license_id": CKAN_LICENCE_ID, "license_title": LICENCE_TITLE, "license_url": LICENCE,
        "author": publisher.name["en"], "author_email": publisher.email,
        "maintainer": publisher.name["en"], "maintainer_email": publisher.email,
        "owner_org": publisher.organisation_id, "organization": organization(publisher),
        "metadata_created": created.isoformat() if created else None,
        "metadata_modified": info.modified.isoformat() if info.modified else None,
        "tags": [{"name": t, "display_name": t, "state": "active"} for t in TAGS],
        "num_tags": len(TAGS), "groups": [],
        "resources": [_resource(info, i) for i in range(len(info.files))],
        "num_resources": len(info.files),
        "extras": [{"key": k, "value": v} for k, v in extras.items()],
    }  # fmt: skip


def _text(info: DatasetInfo) -> str:
    parts = [info.id, *info.spec.title.values(), *info.spec.description.values(), *TAGS]
    return fold(" ".join(parts))


def _field_values(body: Mapping[str, Any], field: str) -> set[str]:
    if field in ("name", "id", "license_id", "owner_org", "title"):
        return {str(body[field])}
    if field == "organization":
        return {body["organization"]["name"]}
    if field == "tags":
        return {t["name"] for t in body["tags"]}
    if field == "res_format":
        return {r["format"] for r in body["resources"]}
    raise _query_error(f"unknown field {field}")


_TERM = re.compile(r"^\+?([a-z_]+):(.+)$")


def _query_error(message: str) -> ActionError:
    return ActionError(
        "Search Query Error", 409, {"message": f"Search Query is invalid: {message}"}
    )


def _filters(fq: str) -> list[tuple[str, str]]:
    """`field:value` terms (values may be quoted), all of which must match."""
    try:
        terms = shlex.split(fq)
    except ValueError as error:
        raise _query_error(str(error)) from error
    pairs: list[tuple[str, str]] = []
    for term in terms:
        match = _TERM.match(term)
        if not match:
            raise _query_error(repr(term))
        pairs.append((match.group(1), match.group(2)))
    return pairs


def search(infos: list[DatasetInfo], publisher: Publisher, q: str, fq: str) -> list[dict[str, Any]]:
    """Datasets whose text has every word of `q` and whose fields match every `fq` term."""
    words = [] if q.strip() in ("", "*:*") else fold(q).split()
    filters = _filters(fq)
    found = []
    for info in infos:
        body = package(info, publisher)
        if not all(word in _text(info) for word in words):
            continue
        if all(value in _field_values(body, field) for field, value in filters):
            found.append(body)
    return found
