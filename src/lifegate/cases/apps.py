# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "lifegate.cases"
    label = "cases"
    verbose_name = "Journeys and cases"
