# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "lifegate.identity"
    label = "identity"
    verbose_name = "Identity"

    def ready(self) -> None:
        from lifegate.identity.auth import connect_revocation_signals  # noqa: PLC0415

        connect_revocation_signals()
