# SPDX-License-Identifier: EUPL-1.2
"""Identity pages under /nl/ and /en/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.identity import official_views, signin_views, views

app_name = "identity"

urlpatterns = [
    path(_("sign-in"), signin_views.sign_in, name="sign-in"),
    path(_("sign-out"), signin_views.sign_out, name="sign-out"),
    path(_("profile"), views.profile, name="profile"),
    path(_("acting-for"), views.switch_acting_for, name="acting-for"),
    path(_("mandates"), views.mandate_list, name="mandates"),
    path(
        _("mandates/<int:mandate_id>/<str:action>"),
        views.mandate_action,
        name="mandate-action",
    ),
    path(_("officials/sign-in"), official_views.sign_in, name="official-sign-in"),
    path(_("officials/"), official_views.home, name="official-home"),
    path(_("officials/sign-out"), official_views.sign_out, name="official-sign-out"),
]
