# SPDX-License-Identifier: EUPL-1.2
"""A few registry persons with addresses, incomes and a company (tests may use demo models)."""

from __future__ import annotations

import datetime as dt

from lifegate.catalog import services as catalog
from lifegate.demo import models as demo_tables
from tests.identity import factories


def household(household_id: int, municipality: str = "GM0344") -> demo_tables.Household:
    return demo_tables.Household.objects.create(
        household_id=household_id,
        municipality_code=municipality,
        street="Oudegracht",
        house_number=household_id,
        postcode="3511AB",
        city="Utrecht" if municipality == "GM0344" else "Groningen",
        rented=True,
    )


def people() -> dict[str, demo_tables.Person]:
    catalog.seed_organisations()
    found = factories.personas(dt.date.today())  # noqa: DTZ011 - relative ages only
    home = household(9001)
    for key in ("sanne", "noor"):
        person = found[key]
        person.household, person.municipality_code = home, "GM0344"
        person.save()
    groningen = household(9002, "GM0014")
    found["petra"].household, found["petra"].municipality_code = groningen, "GM0014"
    found["petra"].save()
    demo_tables.Diploma.objects.create(
        person=found["sanne"],
        level="master",
        programme="Law",
        institution="Universiteit Utrecht",
        awarded_on=dt.date(2018, 7, 1),
    )
    return found
