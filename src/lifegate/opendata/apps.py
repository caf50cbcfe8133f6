# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "lifegate.opendata"
    label = "opendata"
    verbose_name = "Open data"
    default_auto_field = "django.db.models.BigAutoField"
