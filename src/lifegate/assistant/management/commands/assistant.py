# SPDX-License-Identifier: EUPL-1.2
"""`lifegate assistant evaluate`: top-1, top-3 and MRR of the service finder, overall, per
language and on the held-out part; the figures go into the algorithm register."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifegate.assistant import evaluation, services


class Command(BaseCommand):
    help = "Evaluate the service finder on its evaluation set (evaluate)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["evaluate"])
        parser.add_argument(
            "--no-save", action="store_true", help="Do not store the run for the register."
        )
        parser.add_argument(
            "--failures",
            action="store_true",
            help="Also list the development questions whose right answer is not in the top 3 "
            "(never the held-out ones: those must not guide tuning).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = services.run_evaluation(save=not options["no_save"])
        self.stdout.write(evaluation.format_report(report))
        if options["failures"]:
            for outcome in report.failures("development"):
                case = outcome.case
                self.stdout.write(
                    f"  miss [{case.lang}] {case.question!r}: expected "
                    f"{', '.join(sorted(case.expected))}; got {', '.join(outcome.ranked[:3])}"
                )
        if not options["no_save"]:
            self.stdout.write("Stored: the algorithm register shows these figures.")
