# SPDX-License-Identifier: EUPL-1.2
"""Seeding the demo government is idempotent and refuses to mix two populations."""

import datetime as dt

import pytest

from lifegate.catalog import services as catalog
from lifegate.catalog.models import Organisation
from lifegate.demo import services as demo
from lifegate.demo.models import Person

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 7, 1)


def test_seeding_twice_changes_nothing():
    first = demo.seed_demo(persons=300, seed=7, today=DAY)
    persons_after_first = Person.objects.count()

    second = demo.seed_demo(persons=300, seed=7, today=dt.date(2025, 7, 2))

    assert first.population_loaded
    assert first.organisations.created == len(catalog.organisation_content())
    assert not second.population_loaded
    assert second.organisations == catalog.SeedCounts(unchanged=first.organisations.created)
    assert second.reference_date == DAY
    assert Person.objects.count() == persons_after_first == 300


def test_seeding_another_population_over_a_loaded_one_is_refused_with_the_fix():
    demo.seed_demo(persons=300, seed=7, today=DAY)

    with pytest.raises(demo.PopulationMismatchError, match="Use the same --persons and --seed"):
        demo.seed_demo(persons=400, seed=7, today=DAY)


def test_an_edited_organisation_is_restored_by_the_next_seed():
    catalog.seed_organisations()
    Organisation.objects.filter(identifier="svb").update(email="changed@example.org")

    counts = catalog.seed_organisations()

    assert counts.updated == 1
    assert Organisation.objects.get(identifier="svb").email == "info@svb.example"


def test_residents_are_counted_per_municipality_without_the_dead_or_unregistered():
    demo.seed_demo(persons=300, seed=7, today=DAY)

    counts = demo.residents_per_municipality()

    living = Person.objects.filter(death_date__isnull=True, registered_in_brp=True)
    assert sum(counts.values()) == living.exclude(municipality_code="").count()
    assert set(counts) <= {"GM0344", "GM0307", "GM0014"}
