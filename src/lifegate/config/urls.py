# SPDX-License-Identifier: EUPL-1.2
"""URL map: the API under /api/v1/, pages under /nl/ and /en/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from lifegate.config.api import api
from lifegate.credentials import protocol_urls as credentials_protocol
from lifegate.identity.provider import endpoints as identity_endpoints
from lifegate.portal import views as portal_views

handler403 = "lifegate.portal.errors.permission_denied"
handler404 = "lifegate.portal.errors.page_not_found"
handler500 = "lifegate.portal.errors.server_error"

urlpatterns = [
    path("", portal_views.root, name="root"),
    path("api/v1/", api.urls),
    path("", include("lifegate.opendata.public_urls")),
    path("id/", include("lifegate.catalog.id_urls")),
    path("demo-eid/", include("lifegate.identity.provider.urls")),
    path("oauth2/token", identity_endpoints.agency_token, name="agency-token"),
    path("identity/", include("lifegate.identity.rp_urls")),
    path(".well-known/", include((credentials_protocol.well_known, "credentials-well-known"))),
    path("credentials/", include((credentials_protocol.urlpatterns, "credentials-protocol"))),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("lifegate.identity.urls")),
    path("", include("lifegate.messagebox.urls")),
    path("", include("lifegate.cases.urls")),
    path("", include("lifegate.exchange.urls")),
    path("", include("lifegate.credentials.urls")),
    path("", include("lifegate.catalog.urls")),
    path("", include("lifegate.assistant.urls")),
    path("", include("lifegate.rules.urls")),
    path("", include("lifegate.opendata.urls")),
    path("", include("lifegate.portal.urls")),
    prefix_default_language=True,
)
