# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin

from lifegate.catalog.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("identifier", "kind", "country", "municipality_code")
    list_filter = ("kind", "country")
    search_fields = ("identifier", "name")
