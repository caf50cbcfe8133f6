# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "lifegate.credentials"
    label = "credentials"
    verbose_name = "Verifiable credentials"

    def ready(self) -> None:
        from lifegate.credentials import checks  # noqa: F401, PLC0415 - registers the checks
