# SPDX-License-Identifier: EUPL-1.2
"""The demo block's door: seed the demo government and read the synthetic population."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Count

from lifegate.catalog import services as catalog
from lifegate.demo import models as tables

Progress = Callable[[str], None]
_BATCH = 2_000

# Generator column -> model attribute, where they differ.
_RENAMES: dict[type[models.Model], dict[str, str]] = {
    tables.Company: {"owner_person_id": "owner_id"},
}
_LOAD_ORDER: tuple[tuple[str, type[models.Model]], ...] = (
    ("households", tables.Household),
    ("persons", tables.Person),
    ("parenthood", tables.Parenthood),
    ("companies", tables.Company),
    ("diplomas", tables.Diploma),
    ("mandates", tables.MandateSeed),
)


class PopulationMismatchError(Exception):
    """A different population is already loaded; seeding again would mix two."""


@dataclass(frozen=True)
class SeedSummary:
    organisations: catalog.SeedCounts
    population_loaded: bool
    rows: dict[str, int]
    seed: int
    reference_date: dt.date


def _quiet(_message: str) -> None:
    return None


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _load_table(
    model: type[models.Model], rows: list[dict[str, Any]], progress: Progress, label: str
) -> int:
    renames = _RENAMES.get(model, {})
    for done, batch in enumerate(_batches(rows, _BATCH), start=1):
        objects = [model(**{renames.get(k, k): v for k, v in row.items()}) for row in batch]
        model._default_manager.bulk_create(objects)
        progress(f"  {label}: {min(done * _BATCH, len(rows)):,}/{len(rows):,}")
    return len(rows)


def load_population(
    population: Any,
    *,
    persons: int,
    seed: int,
    reference_date: dt.date,
    progress: Progress = _quiet,
) -> dict[str, int]:
    """Write a generated population (tables of `lifegate.demo.population`) in one transaction."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for name, model in _LOAD_ORDER:
            rows = getattr(population, name).to_pylist()
            counts[name] = _load_table(model, rows, progress, name)
        tables.PopulationRun.objects.create(
            seed=seed, persons=persons, reference_date=reference_date
        )
    return counts


def loaded_population() -> tables.PopulationRun | None:
    return tables.PopulationRun.objects.order_by("-loaded_at").first()


def seed_demo(
    *, persons: int, seed: int, today: dt.date, progress: Progress = _quiet
) -> SeedSummary:
    """Seed the demo government and, once, the synthetic population. Idempotent."""
    from lifegate.demo.population import generate_population  # noqa: PLC0415 - numpy is heavy

    progress("Organisations of the demo government ...")
    organisations = catalog.seed_organisations()
    current = loaded_population()
    if current is not None:
        if (current.seed, current.persons) != (seed, persons):
            raise PopulationMismatchError(
                f"A population of {current.persons:,} persons (seed {current.seed}) is already "
                f"loaded. Use the same --persons and --seed, or start from an empty database "
                f"(delete the LIFEGATE_HOME folder or run `lifegate flush`)."
            )
        return SeedSummary(organisations, False, {}, current.seed, current.reference_date)
    progress(f"Generating {persons:,} synthetic persons (seed {seed}, day {today}) ...")
    population = generate_population(persons, seed=seed, today=today)
    rows = load_population(
        population, persons=persons, seed=seed, reference_date=today, progress=progress
    )
    return SeedSummary(organisations, True, rows, seed, today)


def residents_per_municipality() -> dict[str, int]:
    """Living, registered residents per municipality code."""
    rows = (
        tables.Person.objects.filter(death_date__isnull=True, registered_in_brp=True)
        .exclude(municipality_code="")
        .values("municipality_code")
        .annotate(residents=Count("person_id"))
        .order_by("municipality_code")
    )
    return {row["municipality_code"]: row["residents"] for row in rows}
