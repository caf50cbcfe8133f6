# SPDX-License-Identifier: EUPL-1.2
"""The register of processing activities, read once from `content/processing_activities.yaml`."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CONTENT = Path(__file__).parent / "content" / "processing_activities.yaml"
BASES = ("legal-obligation", "public-task", "consent")
REMITS = ("national", "municipality")


@dataclass(frozen=True)
class Activity:
    """A processing activity: who processes, why, on which legal basis, which fields."""

    id: str
    organisation: str
    name: dict[str, str]
    basis: str
    law: dict[str, str]
    reference: str
    remit: str
    fields: tuple[str, ...]
    statistical: bool = False  # read in bulk for statistics only (`statistics.py`)

    def text(self, language: str) -> str:
        return self.name.get(language) or self.name["nl"]

    def law_text(self, language: str) -> str:
        return self.law.get(language) or self.law["nl"]

    @property
    def needs_consent(self) -> bool:
        return self.basis == "consent"


def _parse(entry: dict[str, object]) -> Activity:
    activity = Activity(
        id=str(entry["id"]),
        organisation=str(entry["organisation"]),
        name=dict(entry["name"]),  # type: ignore[call-overload]
        basis=str(entry["basis"]),
        law=dict(entry["law"]),  # type: ignore[call-overload]
        reference=str(entry["reference"]),
        remit=str(entry["remit"]),
        fields=tuple(entry["fields"]),  # type: ignore[arg-type]
        statistical=bool(entry.get("statistical", False)),
    )
    if activity.basis not in BASES or activity.remit not in REMITS:
        raise ValueError(f"activity {activity.id}: unknown basis or remit")
    if activity.statistical and (activity.needs_consent or activity.remit != "national"):
        # A bulk read checks neither consent nor remit per person: only national, lawful
        # bases without consent may be statistical.
        raise ValueError(f"activity {activity.id}: a statistical activity is national, no consent")
    return activity


@functools.cache
def register() -> dict[str, Activity]:
    with CONTENT.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    activities = [_parse(entry) for entry in document["activities"]]
    by_id = {a.id: a for a in activities}
    if len(by_id) != len(activities):
        raise ValueError("duplicate processing activity id")
    return by_id


def find(activity_id: str) -> Activity | None:
    return register().get(activity_id)
