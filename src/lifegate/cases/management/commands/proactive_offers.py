# SPDX-License-Identifier: EUPL-1.2
"""`lifegate proactive_offers [--as-of YYYY-MM-DD]`: take the proactive run of the rules
block (`lifegate proactive run`) up in the open journeys: offers made or brought up to date
where a household's situation changed. Idempotent; run it nightly after the run.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.cases.management.dates import parse_day
from lifegate.cases.proactive import take_up_run


class Command(BaseCommand):
    help = "Make or update the offers of open journeys from the latest proactive run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", default="", help="The run's date (default: the latest).")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_day(options["as_of"]) if options["as_of"] else None
        self.stdout.write("Comparing the open journeys' offers with the proactive run ...")
        uptake = take_up_run(as_of)
        if uptake.as_of is None:
            raise CommandError(
                "There is no proactive run"
                + (f" of {as_of}" if as_of else "")
                + ": run `lifegate proactive run --as-of DATE` first."
            )
        self.stdout.write(
            f"Run of {uptake.as_of}: {uptake.journeys} open journeys, "
            f"{uptake.made} offers made, {uptake.updated} brought up to date."
        )
