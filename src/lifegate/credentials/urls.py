# SPDX-License-Identifier: EUPL-1.2
"""Credential pages under /nl/ and /en/: credentials, the reference wallet, the verifiers, and
the issuing organisations' officials' pages."""

from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from lifegate.credentials import (
    official_views,
    presentations,
    views,
    wallet_views,
    withdrawal_views,
)


class VerifierAddress:
    """A demo verifier in a page address, in the page's language (`/nl/controleurs/
    universiteit`, `/en/verifiers/university`); views and `reverse` use its slug."""

    regex = "[a-z-]+"

    def to_python(self, value: str) -> str:
        return presentations.slug_of_address(value)  # ValueError: no such page

    def to_url(self, value: str) -> str:
        return presentations.address_of(value)


register_converter(VerifierAddress, "verifier")

app_name = "credentials"

urlpatterns = [
    path(_("credentials"), views.overview, name="overview"),
    path(_("credentials/offer"), views.offer, name="offer"),
    path(
        _("credentials/offer/<uuid:credential_offer_id>"), views.offer_status, name="offer-status"
    ),
    path(_("credentials/withdraw"), withdrawal_views.withdraw, name="withdraw"),
    path(_("wallet"), wallet_views.wallet_home, name="wallet"),
    path(_("wallet/present"), wallet_views.wallet_present, name="wallet-present"),
    path(_("wallet/renew"), wallet_views.wallet_renew, name="wallet-renew"),
    path(_("wallet/forget"), wallet_views.wallet_forget, name="wallet-forget"),
    path(_("verifiers"), views.verifier_list, name="verifiers"),
    path(_("verifiers/<verifier:slug>"), views.verifier_start, name="verifier"),
    path(_("verifiers/<verifier:slug>/requests/<uuid:request_id>"), views.verdict, name="verdict"),
    path(_("officials/credentials"), official_views.issued_list, name="officials-credentials"),
    path(
        _("officials/credentials/<uuid:credential_id>"),
        official_views.issued_detail,
        name="officials-credential",
    ),
    path(
        _("officials/credentials/<uuid:credential_id>/status"),
        official_views.change_status,
        name="officials-credential-status",
    ),
]
