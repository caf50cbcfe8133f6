# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "lifegate.outbox"
    label = "outbox"
    verbose_name = "Outbox (events to agencies)"
