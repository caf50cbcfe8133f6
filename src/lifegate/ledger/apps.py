# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LedgerConfig(AppConfig):
    name = "lifegate.ledger"
    label = "ledger"
    verbose_name = "Ledger"

    def ready(self) -> None:
        from lifegate.ledger import guard  # noqa: PLC0415 - needs the app registry

        # The migration creates the guard; after a flush (tests) or a manual DROP TRIGGER,
        # the next migrate puts it back, so the guard cannot silently stay off.
        post_migrate.connect(guard.ensure_after_migrate, sender=self)
