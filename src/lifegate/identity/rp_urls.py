# SPDX-License-Identifier: EUPL-1.2
"""The relying party's fixed addresses (registered exactly at the provider, so no language)."""

from django.urls import path

from lifegate.identity import signin_views

app_name = "identity_rp"

urlpatterns = [
    path("callback", signin_views.callback, name="callback"),
    path("signed-out", signin_views.signed_out, name="signed-out"),
]
