# SPDX-License-Identifier: EUPL-1.2
"""`lifegate opendata publish --period 2025-06 [--reason TEXT]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.opendata.publishing import PublishRefusedError, publish
from lifegate.opendata.sources import UnknownSourceError


class Command(BaseCommand):
    help = "Publish privacy-protected open data (differential privacy, DCAT-AP 3)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("publish", help="Publish the statistics of a month that ended.")
        run.add_argument("--period", required=True, help="The month, YYYY-MM (e.g. 2025-06).")
        run.add_argument("--reason", default="", help="Why a new version (for a correction).")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(message: str) -> None:
            self.stdout.write(f"… {message}")

        try:
            result = publish(options["period"], reason=options["reason"], on_progress=progress)
        except PublishRefusedError as error:
            raise CommandError(f"Not published ({error.reason.value}): {error.message}") from error
        except UnknownSourceError as error:
            raise CommandError(f"Not published: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Published {result.period} v{result.version}"))
        for table, count in result.rows.items():
            self.stdout.write(f"  {table}: {count} rows")
        for item in result.files:
            self.stdout.write(f"  {item.name}: {item.byte_size} bytes, sha256 {item.sha256}")
        spent = result.budget
        self.stdout.write(
            f"  privacy loss ε = {result.epsilon:g}; {spent.year}: {spent.spent:g} of "
            f"{spent.yearly_epsilon:g} spent, {spent.remaining:g} left"
        )
        self.stdout.write(f"  changes: {result.changes}")
