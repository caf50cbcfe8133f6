# SPDX-License-Identifier: EUPL-1.2
from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("accessibility"), views.accessibility, name="accessibility"),
]
