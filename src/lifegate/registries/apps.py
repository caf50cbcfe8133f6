# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class RegistriesConfig(AppConfig):
    name = "lifegate.registries"
    label = "registries"
    verbose_name = "Registries"
