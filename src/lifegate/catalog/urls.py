# SPDX-License-Identifier: EUPL-1.2
"""Catalog pages under /nl/ and /en/ (paths translated, no trailing slash).

`life-events` is the signed-in citizen's own journeys (the cases block); the public
catalog of life events therefore lives at `life-events-and-services` and `life-event/<id>`.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.catalog import views

app_name = "catalog"

urlpatterns = [
    path(_("life-events-and-services"), views.event_index, name="event-index"),
    path(_("life-event/<slug:event_id>"), views.event_page, name="event"),
    path(_("services/<slug:service_id>"), views.service_page, name="service"),
    path(_("search"), views.search, name="search"),
]
