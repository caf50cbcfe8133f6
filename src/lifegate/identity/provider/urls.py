# SPDX-License-Identifier: EUPL-1.2
"""The demo eID provider, mounted at /demo-eid/ (outside the language prefixes: its pages
follow the relying party's `ui_locales`)."""

from django.urls import path

from lifegate.identity.provider import endpoints, pages

app_name = "demo_eid"

urlpatterns = [
    path(".well-known/openid-configuration", endpoints.discovery, name="discovery"),
    path("jwks", endpoints.jwks, name="jwks"),
    path("authorize", pages.authorize, name="authorize"),
    path("token", endpoints.token, name="token"),
    path("userinfo", endpoints.userinfo, name="userinfo"),
    path("end-session", pages.end_session, name="end-session"),
]
