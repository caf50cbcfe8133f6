# SPDX-License-Identifier: EUPL-1.2
from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.rules import views

app_name = "rules"

urlpatterns = [
    path(_("entitlements/<slug:event>"), views.entitlements, name="entitlements"),
]
