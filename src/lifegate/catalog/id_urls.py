# SPDX-License-Identifier: EUPL-1.2
"""The catalog's linked-data URIs, `/id/<kind>/<id>`, outside the language prefixes."""

from django.urls import path

from lifegate.catalog import views

app_name = "catalog-id"

urlpatterns = [
    path(
        "<slug:kind>/<slug:identifier>",
        views.resource,
        name="resource",
    ),
]
