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


def bsns_by_person_id(person_ids: list[int]) -> dict[int, str]:
    """Person id -> BSN for those of `person_ids` that have one (one query, for bulk work)."""
    rows = tables.Person.objects.filter(person_id__in=person_ids).exclude(bsn="")
    return dict(rows.values_list("person_id", "bsn"))


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


# Read by the registries block only (the demo base registries); every other block reads
# personal data through `lifegate.exchange.services`, which calls the registries.


@dataclass(frozen=True)
class RegistryPerson:
    given_names: str
    family_name: str
    sex: str
    birth_date: dt.date
    death_date: dt.date | None
    nationality: str
    municipality_code: str
    registered_in_brp: bool
    partner_bsn: str
    children_bsns: tuple[str, ...]
    household_size: int


@dataclass(frozen=True)
class RegistryAddress:
    street: str
    house_number: int
    postcode: str
    city: str
    municipality_code: str
    rented: bool


@dataclass(frozen=True)
class RegistryIncome:
    yearly_income: int
    assets: int
    employment_end_date: dt.date | None
    health_insured: bool


@dataclass(frozen=True)
class RegistryDiploma:
    level: str
    programme: str
    institution: str
    awarded_on: dt.date


@dataclass(frozen=True)
class RegistryCompany:
    name: str
    owner_bsn: str
    start_date: dt.date
    municipality_code: str
    legal_form: str


def _by_bsn(bsns: list[str]) -> models.QuerySet[tables.Person]:
    return tables.Person.objects.filter(bsn__in=bsns).exclude(bsn="")


def registry_persons(bsns: list[str]) -> dict[str, RegistryPerson]:
    """Persons by BSN with partner, children and household size (three queries)."""
    rows = list(_by_bsn(bsns).select_related("partner"))
    children: dict[int, list[str]] = {}
    links = tables.Parenthood.objects.filter(parent__in=rows).select_related("child")
    for link in links:
        children.setdefault(link.parent_id, []).append(link.child.bsn)
    households = [r.household_id for r in rows if r.household_id is not None]
    sizes = dict(
        tables.Person.objects.filter(household_id__in=households, death_date__isnull=True)
        .values("household_id")
        .annotate(n=Count("person_id"))
        .values_list("household_id", "n")
    )
    return {
        r.bsn: RegistryPerson(
            r.given_names,
            r.family_name,
            r.sex,
            r.birth_date,
            r.death_date,
            r.nationality,
            r.municipality_code,
            r.registered_in_brp,
            r.partner.bsn if r.partner else "",
            tuple(sorted(children.get(r.person_id, []))),
            sizes.get(r.household_id, 0) if r.household_id is not None else 0,
        )
        for r in rows
    }


def registry_addresses(bsns: list[str]) -> dict[str, RegistryAddress]:
    rows = _by_bsn(bsns).filter(household__isnull=False).select_related("household")
    return {
        r.bsn: RegistryAddress(
            h.street, h.house_number, h.postcode, h.city, h.municipality_code, h.rented
        )
        for r in rows
        if (h := r.household) is not None
    }


def registry_incomes(bsns: list[str]) -> dict[str, RegistryIncome]:
    fields = ("bsn", "yearly_income", "assets", "employment_end_date", "health_insured")
    return {
        bsn: RegistryIncome(income, assets, ended, insured)
        for bsn, income, assets, ended, insured in _by_bsn(bsns).values_list(*fields)
    }


def registry_diplomas(bsns: list[str]) -> dict[str, list[RegistryDiploma]]:
    found: dict[str, list[RegistryDiploma]] = {
        bsn: [] for bsn in _by_bsn(bsns).values_list("bsn", flat=True)
    }
    rows = tables.Diploma.objects.filter(person__bsn__in=list(found)).order_by("awarded_on", "pk")
    for row in rows.values_list("person__bsn", "level", "programme", "institution", "awarded_on"):
        found[row[0]].append(RegistryDiploma(*row[1:]))
    return found


def registry_companies(kvk_numbers: list[str]) -> dict[str, RegistryCompany]:
    rows = tables.Company.objects.filter(kvk_number__in=kvk_numbers).select_related("owner")
    return {
        r.kvk_number: RegistryCompany(
            r.name, r.owner.bsn, r.start_date, r.municipality_code, r.legal_form
        )
        for r in rows
    }


# Read by the cases block: which registry events happened on a day (births registered,
# birthdays that matter, deaths), as the persons registry would report them.


@dataclass(frozen=True)
class RegistryEventRecord:
    type: str  # "person.born", "person.turns-18", "person.reaches-pension-age", "person.died"
    bsn: str
    related_bsns: tuple[str, ...]  # parents of a newborn, children of the deceased


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _related(person_ids: list[int], *, parents: bool) -> dict[int, list[str]]:
    links = tables.Parenthood.objects.filter(
        **({"child_id__in": person_ids} if parents else {"parent_id__in": person_ids})
    ).values_list("child_id", "parent__bsn", "parent_id", "child__bsn")
    found: dict[int, list[str]] = {}
    for child, parent_bsn, parent, child_bsn in links:
        key, value = (child, parent_bsn) if parents else (parent, child_bsn)
        if value:
            found.setdefault(key, []).append(value)
    return found


def registry_events_on(day: dt.date, *, pension_age: int = 67) -> list[RegistryEventRecord]:
    """Births registered, 18th birthdays, reaching `pension_age`, and deaths on `day`."""
    living = tables.Person.objects.exclude(bsn="").filter(registered_in_brp=True)
    born = list(living.filter(birth_registered_on=day).values_list("person_id", "bsn"))
    died = list(
        tables.Person.objects.exclude(bsn="").filter(death_date=day).values_list("person_id", "bsn")
    )
    alive = living.filter(death_date__isnull=True)
    adults = alive.filter(birth_date=_years_before(day, 18)).values_list("bsn", flat=True)
    pension = alive.filter(birth_date=_years_before(day, pension_age)).values_list("bsn", flat=True)
    parents = _related([pid for pid, _ in born], parents=True)
    children = _related([pid for pid, _ in died], parents=False)
    return [
        *(RegistryEventRecord("person.born", b, tuple(parents.get(p, []))) for p, b in born),
        *(RegistryEventRecord("person.turns-18", b, ()) for b in adults),
        *(RegistryEventRecord("person.reaches-pension-age", b, ()) for b in pension),
        *(RegistryEventRecord("person.died", b, tuple(children.get(p, []))) for p, b in died),
    ]
