# SPDX-License-Identifier: EUPL-1.2
"""`lifegate proactive run --as-of 2025-07-01 [--parquet DIR] [--engine local|dask]
[--scheduler ADDRESS]`: population-wide eligibility, written as proactive offers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifegate.core.errors import UserFacingError
from lifegate.rules.proactive import RunSummary, run_proactive


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Command(BaseCommand):
    help = "Evaluate every rule for the whole population on a date and write proactive offers."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Run eligibility for everyone on a date.")
        run.add_argument("--as-of", type=_date, required=True, help="The date (YYYY-MM-DD).")
        run.add_argument("--parquet", type=Path, help="Population folder (default: database).")
        run.add_argument("--engine", choices=("local", "dask"), default="local")
        run.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster).")

    def handle(self, *args: Any, **options: Any) -> None:
        parquet: Path | None = options["parquet"]
        if parquet is not None and not (parquet / "persons.parquet").is_file():
            raise UserFacingError(
                f"{parquet} holds no population (persons.parquet). Write one with "
                f"`lifegate seed --persons N --parquet {parquet}`."
            )
        if options["scheduler"] and options["engine"] != "dask":
            raise UserFacingError("--scheduler needs --engine dask.")
        summary = run_proactive(
            options["as_of"],
            parquet=parquet,
            engine=options["engine"],
            scheduler=options["scheduler"],
            progress=self.stdout.write,
        )
        self._report(summary)

    def _report(self, summary: RunSummary) -> None:
        total = sum(summary.seconds.values())
        self.stdout.write(
            f"run {summary.run_id} on {summary.as_of}: {summary.persons:,} persons, "
            f"{summary.offers:,} offers in {total:.1f} s ({summary.engine})"
        )
        for (service, status), count in summary.by_service.items():
            self.stdout.write(f"  {service:<22} {status:<16} {count:>10,}")
