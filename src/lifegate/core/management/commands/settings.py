# SPDX-License-Identifier: EUPL-1.2
"""`lifegate settings`: every environment setting with its type, default, help and value."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lifegate.config import env


class Command(BaseCommand):
    help = "List the environment settings lifegate reads (the only way to configure it)."

    def handle(self, *args: Any, **options: Any) -> None:
        for setting in env.ALL:
            try:
                current = setting.read()
            except env.SettingError as error:
                current = f"INVALID: {error}"
            shown = "(set)" if "SECRET" in setting.name or "URL" in setting.name else repr(current)
            self.stdout.write(f"{setting.name}  [{setting.type_name}, default {setting.default!r}]")
            self.stdout.write(f"    {setting.help}")
            if current != setting.default:
                self.stdout.write(f"    now: {shown}")
