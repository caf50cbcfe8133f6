# SPDX-License-Identifier: EUPL-1.2
"""`lifegate registry_events [--date YYYY-MM-DD] [--days N]`: open the journeys of the
registry events of a day (births registered, 18th birthdays, pension age, deaths).

Idempotent, so it can run nightly and again after a failure; `--days 2` also covers
yesterday, for a run that was missed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lifegate.cases import services
from lifegate.cases.management.dates import parse_day


class Command(BaseCommand):
    help = "Open the life-event journeys of the registry events of a day (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="", help="The day (default: today).")
        parser.add_argument("--days", type=int, default=1, help="Also the days before it.")

    def handle(self, *args: Any, **options: Any) -> None:
        last = parse_day(options["date"]) if options["date"] else timezone.localdate()
        if options["days"] < 1:
            raise CommandError("--days must be 1 or more.")
        started, total, new = timezone.now(), 0, 0
        for back in range(options["days"] - 1, -1, -1):
            day = last - dt.timedelta(days=back)
            journeys = services.scan_registry(day)
            opened = sum(1 for journey in journeys if journey.opened_at >= started)
            total, new = total + len(journeys), new + opened
            self.stdout.write(f"{day}: {len(journeys)} journeys of registry events, {opened} new.")
        self.stdout.write(f"{new} journeys opened now; {total - new} were open already.")
