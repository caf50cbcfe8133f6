# SPDX-License-Identifier: EUPL-1.2
"""`lifegate openapi`: write or check the committed OpenAPI document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.config.api import api

COMMITTED = Path("openapi.json")


def current_document() -> str:
    """The document the code describes now, as committed (sorted, indented, newline at end)."""
    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI document to openapi.json, or --check that it has not drifted."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail when openapi.json differs.")
        parser.add_argument("--path", type=Path, default=COMMITTED)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        document = current_document()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != document:
                raise CommandError(
                    f"{path} differs from what the code describes. Run `lifegate openapi` and "
                    f"commit the result."
                )
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
