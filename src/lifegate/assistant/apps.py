# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "lifegate.assistant"
    label = "assistant"
    verbose_name = _("Service finder and algorithm register")
    default_auto_field = "django.db.models.BigAutoField"
