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
        # The personas' mandates (Jan -> Eva, Bakkerij Van Dijk -> Femke) become real mandates.
        from lifegate.identity import services as identity  # noqa: PLC0415 - identity reads demo

        counts["identity mandates"] = identity.seed_persona_mandates()
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


@dataclass(frozen=True)
class PersonRecord:
    """A person of the synthetic population, as other blocks may read them."""

    person_id: int
    bsn: str
    foreign_id: str
    given_names: str
    family_name: str
    birth_date: dt.date
    death_date: dt.date | None


@dataclass(frozen=True)
class CompanyRecord:
    kvk_number: str
    name: str
    owner_person_id: int


def _person_record(row: tables.Person) -> PersonRecord:
    return PersonRecord(
        row.person_id,
        row.bsn,
        row.foreign_id,
        row.given_names,
        row.family_name,
        row.birth_date,
        row.death_date,
    )


def find_person_by_bsn(bsn: str) -> PersonRecord | None:
    row = tables.Person.objects.filter(bsn=bsn).exclude(bsn="").first()
    return None if row is None else _person_record(row)


def find_person_by_foreign_id(foreign_id: str) -> PersonRecord | None:
    row = tables.Person.objects.filter(foreign_id=foreign_id).exclude(foreign_id="").first()
    return None if row is None else _person_record(row)


def find_person(person_id: int) -> PersonRecord | None:
    row = tables.Person.objects.filter(person_id=person_id).first()
    return None if row is None else _person_record(row)


def find_company(kvk_number: str) -> CompanyRecord | None:
    row = tables.Company.objects.filter(kvk_number=kvk_number).first()
    return None if row is None else CompanyRecord(row.kvk_number, row.name, row.owner_id)


def person_ids_by_bsn(bsns: list[str]) -> dict[str, int]:
    """BSN -> person id for those of `bsns` that exist (one query, for bulk operations)."""
    rows = tables.Person.objects.filter(bsn__in=bsns).values_list("bsn", "person_id")
    return dict(rows)


def person_ids_by_foreign_id(foreign_ids: list[str]) -> dict[str, int]:
    rows = tables.Person.objects.filter(foreign_id__in=foreign_ids).values_list(
        "foreign_id", "person_id"
    )
    return dict(rows)


def existing_kvk_numbers(kvk_numbers: list[str]) -> set[str]:
    rows = tables.Company.objects.filter(kvk_number__in=kvk_numbers).values_list(
        "kvk_number", flat=True
    )
    return set(rows)


# Read by the identity block (sign-in, authority by law, mandates).


@dataclass(frozen=True)
class IdentityFacts:
    """What sign-in needs to know of a person beyond their name and numbers."""

    person: PersonRecord
    persona: str
    registered_in_brp: bool


@dataclass(frozen=True)
class MandateSeedRecord:
    grantor_person_id: int | None
    grantor_kvk_number: str
    holder_person_id: int
    scope: str
    valid_from: dt.date
    valid_until: dt.date


def identity_facts(person_id: int) -> IdentityFacts | None:
    row = tables.Person.objects.filter(person_id=person_id).first()
    if row is None:
        return None
    return IdentityFacts(_person_record(row), row.persona, row.registered_in_brp)


def personas() -> list[IdentityFacts]:
    """The named people of the demo stories, in a stable order."""
    rows = tables.Person.objects.exclude(persona="").order_by("persona")
    return [IdentityFacts(_person_record(r), r.persona, r.registered_in_brp) for r in rows]


def children_with_authority(parent_person_id: int) -> list[PersonRecord]:
    """Children over whom this person has parental authority (of any age: the caller checks)."""
    links = tables.Parenthood.objects.filter(parent_id=parent_person_id, has_authority=True)
    return [_person_record(link.child) for link in links.select_related("child")]


def companies_owned_by(person_id: int) -> list[CompanyRecord]:
    rows = tables.Company.objects.filter(owner_id=person_id).order_by("kvk_number")
    return [CompanyRecord(r.kvk_number, r.name, r.owner_id) for r in rows]


def mandate_seeds() -> list[MandateSeedRecord]:
    return [
        MandateSeedRecord(
            r.grantor_person_id,
            r.grantor_kvk_number,
            r.holder_person_id,
            r.scope,
            r.valid_from,
            r.valid_until,
        )
        for r in tables.MandateSeed.objects.order_by("pk")
    ]
