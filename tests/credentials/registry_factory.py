# SPDX-License-Identifier: EUPL-1.2
"""A small demo registry for the credentials tests: Ahmed, his address and his diplomas."""

from __future__ import annotations

import datetime as dt

from lifegate.catalog import services as catalog
from lifegate.demo import models as demo_tables

AHMED_ID = 9


def ahmed_el_amrani() -> demo_tables.Person:
    catalog.seed_organisations()
    home = demo_tables.Household.objects.create(
        household_id=5,
        municipality_code="GM0014",
        street="Moesstraat",
        house_number=61,
        postcode="9717 JV",
        city="Groningen",
        rented=True,
    )
    ahmed = demo_tables.Person.objects.create(
        person_id=AHMED_ID,
        bsn="999900092",
        given_names="Ahmed",
        family_name="El Amrani",
        sex="M",
        birth_date=dt.date(2001, 3, 2),
        nationality="NL",
        municipality_code="GM0014",
        household=home,
        yearly_income=9_000,
        assets=2_000,
        health_insured=True,
        registered_in_brp=True,
        student=False,
        persona="ahmed-el-amrani",
    )
    groningen = "Rijksuniversiteit Groningen"
    for level, programme, school, year in (
        ("vwo", "Natuur en Techniek", "Wessel Gansfort Scholengemeenschap", 2019),
        ("bachelor", "Informatica", groningen, 2023),
        ("master", "Computing Science", groningen, 2025),
    ):
        demo_tables.Diploma.objects.create(
            person=ahmed,
            level=level,
            programme=programme,
            institution=school,
            awarded_on=dt.date(year, 7, 1),
        )
    return ahmed


def sara_visser(neighbour: demo_tables.Person) -> demo_tables.Person:
    """Someone else in the registry, living with `neighbour`, with no credentials of her own."""
    return demo_tables.Person.objects.create(
        person_id=neighbour.person_id + 1,
        bsn="999900109",
        given_names="Sara",
        family_name="Visser",
        sex="F",
        birth_date=dt.date(1990, 5, 6),
        nationality="NL",
        municipality_code=neighbour.municipality_code,
        household=neighbour.household,
        yearly_income=30_000,
        assets=1_000,
        health_insured=True,
        registered_in_brp=True,
        student=False,
        persona="sara-visser",
    )
