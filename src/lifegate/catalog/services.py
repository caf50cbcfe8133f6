# SPDX-License-Identifier: EUPL-1.2
"""The catalog block's door: what other blocks may ask of the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from lifegate.catalog.models import Organisation

CONTENT = Path(__file__).parent / "content"
_ORGANISATION_FIELDS = (
    "kind",
    "country",
    "municipality_code",
    "name",
    "website",
    "email",
    "phone",
    "oin",
)


@dataclass(frozen=True)
class OrganisationSummary:
    identifier: str
    name: str
    kind: str
    municipality_code: str


@dataclass(frozen=True)
class SeedCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def list_organisations(language: str) -> list[OrganisationSummary]:
    """Every organisation, named in `language` (Dutch when no text in that language)."""
    return [
        OrganisationSummary(
            identifier=o.identifier,
            name=str(o.name.get(language) or o.name.get("nl") or o.identifier),
            kind=o.kind,
            municipality_code=o.municipality_code,
        )
        for o in Organisation.objects.all()
    ]


def organisation_content() -> list[dict[str, Any]]:
    """The demo government's organisations as written in `content/organisations.yaml`."""
    with (CONTENT / "organisations.yaml").open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    return list(document["organisations"])


def seed_organisations() -> SeedCounts:
    """Create or update the demo organisations; a second run changes nothing."""
    created = updated = unchanged = 0
    existing = {o.identifier: o for o in Organisation.objects.all()}
    with transaction.atomic():
        for entry in organisation_content():
            values = {name: entry.get(name, "") for name in _ORGANISATION_FIELDS}
            current = existing.get(entry["id"])
            if current is None:
                Organisation.objects.create(identifier=entry["id"], **values)
                created += 1
            elif any(getattr(current, k) != v for k, v in values.items()):
                Organisation.objects.filter(pk=current.pk).update(**values)
                updated += 1
            else:
                unchanged += 1
    return SeedCounts(created, updated, unchanged)
