# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "lifegate.resilience"
    label = "resilience"
    verbose_name = "Resilience and audit trail"

    def ready(self) -> None:
        from lifegate.resilience import adminaudit  # noqa: PLC0415 - needs the app registry

        # Registered here, in one visible place: every admin change is audited.
        adminaudit.connect()
