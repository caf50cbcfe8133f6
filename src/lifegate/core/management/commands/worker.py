# SPDX-License-Identifier: EUPL-1.2
"""`lifegate worker`: run background jobs (Django Tasks, database backend)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from lifegate.core.runtime import check_database, check_migrated
from lifegate.resilience import services as resilience


class Command(BaseCommand):
    help = "Run background jobs from the database queue; start as many as you like."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls of an empty queue."
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run the jobs waiting now, then stop (for scripts and tests).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        check_database()
        check_migrated()
        requeued = resilience.requeue_abandoned_jobs()  # of workers on this host killed mid-job
        if requeued:
            self.stdout.write(f"{requeued} jobs of a stopped worker are queued again.")
        worker_options: dict[str, Any] = {
            "interval": options["interval"],
            "verbosity": 1,
            "worker_id": resilience.worker_id(),
        }
        if options["batch"]:
            worker_options["batch"] = True
        call_command("db_worker", **worker_options)
