# SPDX-License-Identifier: EUPL-1.2
"""Credential pages under /nl/ and /en/: credentials, the reference wallet, the verifiers."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.credentials import views, wallet_views

app_name = "credentials"

urlpatterns = [
    path(_("credentials"), views.overview, name="overview"),
    path(_("credentials/offer"), views.offer, name="offer"),
    path(
        _("credentials/offer/<uuid:credential_offer_id>"), views.offer_status, name="offer-status"
    ),
    path(_("wallet"), wallet_views.wallet_home, name="wallet"),
    path(_("wallet/present"), wallet_views.wallet_present, name="wallet-present"),
    path(_("wallet/forget"), wallet_views.wallet_forget, name="wallet-forget"),
    path(_("verifiers"), views.verifier_list, name="verifiers"),
    path(_("verifiers/<slug:slug>"), views.verifier_start, name="verifier"),
    path(_("verifiers/<slug:slug>/requests/<uuid:request_id>"), views.verdict, name="verdict"),
]
