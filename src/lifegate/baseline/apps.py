# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class BaselineConfig(AppConfig):
    name = "lifegate.baseline"
    label = "baseline"
    verbose_name = "Security baseline"
