# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class MessageboxConfig(AppConfig):
    name = "lifegate.messagebox"
    label = "messagebox"
    verbose_name = "Message box"
