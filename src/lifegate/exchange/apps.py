# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ExchangeConfig(AppConfig):
    name = "lifegate.exchange"
    label = "exchange"
    verbose_name = "Exchange"

    def ready(self) -> None:
        from lifegate.exchange import guard  # noqa: PLC0415 - needs the app registry

        # As the ledger does: after a flush (tests) or a manual DROP TRIGGER, the next
        # migrate puts the processing log's guard back.
        post_migrate.connect(guard.ensure_after_migrate, sender=self)
