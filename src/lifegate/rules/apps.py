# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "lifegate.rules"
    label = "rules"
    verbose_name = "Rules"

    def ready(self) -> None:
        # A broken rule or parameter file stops start-up here, naming its file and line.
        from lifegate.rules.startup import check_rules  # noqa: PLC0415 - Django apps load first

        check_rules()
