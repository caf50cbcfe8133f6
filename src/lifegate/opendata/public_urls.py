# SPDX-License-Identifier: EUPL-1.2
"""Addresses outside /api/v1 and the language prefixes: CKAN's action API and the files."""

from django.urls import path

from lifegate.opendata import ckan_views, views

urlpatterns = [
    path("api/3/action/<str:name>", ckan_views.action, name="ckan-action"),
    # CKAN answers its action API without the version too, and ckanapi calls it there.
    path("api/action/<str:name>", ckan_views.action, name="ckan-action-unversioned"),
    path(
        "open-data/files/<str:period>/v<int:version>/<str:name>",
        views.download,
        name="opendata-file",
    ),
]
