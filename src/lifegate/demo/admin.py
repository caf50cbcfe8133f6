# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from lifegate.demo.models import Company, Household, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = (
        "person_id",
        "given_names",
        "family_name",
        "birth_date",
        "municipality_code",
        "persona",
    )
    list_filter = ("municipality_code", "registered_in_brp", "health_insured")
    search_fields = ("bsn", "family_name", "persona")
    raw_id_fields = ("household", "partner")


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin[Household]):
    list_display = ("household_id", "street", "house_number", "postcode", "city")
    search_fields = ("postcode", "street")


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ("kvk_number", "name", "legal_form", "start_date")
    search_fields = ("kvk_number", "name")
    raw_id_fields = ("owner",)
