# SPDX-License-Identifier: EUPL-1.2
from django.urls import path
from django.utils.translation import gettext_lazy as _

from lifegate.assistant import views

app_name = "assistant"

urlpatterns = [
    path(_("what-is-happening"), views.finder, name="finder"),
    path(_("what-is-happening/feedback"), views.feedback, name="feedback"),
    path(_("what-is-happening/not-found"), views.missed, name="missed"),
    path(_("algorithm-register"), views.register_page, name="register"),
    path(_("algorithm-register.csv"), views.register_csv, name="register-csv"),
    path(_("algorithm-register.json"), views.register_json, name="register-json"),
    path(_("algorithm-register/<slug:entry_id>"), views.register_entry, name="register-entry"),
]
