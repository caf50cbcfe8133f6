# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "lifegate.identity"
    label = "identity"
    verbose_name = "Identity"
