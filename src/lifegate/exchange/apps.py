# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "lifegate.exchange"
    label = "exchange"
    verbose_name = "Exchange"
