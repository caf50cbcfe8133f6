# SPDX-License-Identifier: EUPL-1.2
"""The synthetic population as stored tables (the demo's base registries).

Nobody outside the demo block imports this module: registries read it through `services`.
Ids come from the generator, so the same seed gives the same ids in every installation.
"""

from __future__ import annotations

from django.db import models


class PopulationRun(models.Model):
    """Which population is loaded: seeding again with the same values changes nothing."""

    seed = models.IntegerField()
    persons = models.IntegerField()
    reference_date = models.DateField(help_text="The day the personas' stories are relative to.")
    loaded_at = models.DateTimeField(auto_now_add=True)


class Household(models.Model):
    household_id = models.BigIntegerField(primary_key=True)
    municipality_code = models.CharField(max_length=6, db_index=True)
    street = models.CharField(max_length=120)
    house_number = models.IntegerField()
    postcode = models.CharField(max_length=7)
    city = models.CharField(max_length=80)
    rented = models.BooleanField()


class Person(models.Model):
    person_id = models.BigIntegerField(primary_key=True)
    bsn = models.CharField(max_length=9, blank=True, db_index=True)
    foreign_id = models.CharField(max_length=120, blank=True, db_index=True)
    given_names = models.CharField(max_length=120)
    family_name = models.CharField(max_length=120)
    sex = models.CharField(max_length=1)
    birth_date = models.DateField()
    death_date = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=2)
    municipality_code = models.CharField(max_length=6, blank=True, db_index=True)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.PROTECT)
    partner = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    yearly_income = models.BigIntegerField()
    assets = models.BigIntegerField()
    health_insured = models.BooleanField()
    registered_in_brp = models.BooleanField()
    birth_registered_on = models.DateField(null=True, blank=True)
    employment_end_date = models.DateField(null=True, blank=True)
    student = models.BooleanField()
    persona = models.CharField(max_length=40, blank=True, db_index=True)


class Parenthood(models.Model):
    parent = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="children_links")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="parent_links")
    has_authority = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="demo_parenthood_unique")
        ]


class Company(models.Model):
    kvk_number = models.CharField(max_length=8, primary_key=True)
    name = models.CharField(max_length=160)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT)
    start_date = models.DateField()
    municipality_code = models.CharField(max_length=6)
    legal_form = models.CharField(max_length=40)


class Diploma(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT)
    level = models.CharField(max_length=20)
    programme = models.CharField(max_length=160)
    institution = models.CharField(max_length=160)
    awarded_on = models.DateField()


class MandateSeed(models.Model):
    """A persona's mandate as the population describes it; the identity block turns it into
    a real mandate."""

    grantor_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grantor_kvk_number = models.CharField(max_length=8, blank=True)
    holder_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(max_length=60)
    valid_from = models.DateField()
    valid_until = models.DateField()
