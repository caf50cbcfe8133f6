# SPDX-License-Identifier: EUPL-1.2
"""`lifegate rules test [PATH ...] [--parameters DIR] [--lang en]`: the rules' YAML tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.rules.yaml_tests import run_yaml_tests


class Command(BaseCommand):
    help = "Run the rules' YAML tests and report in plain words (non-zero exit on a failure)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        test = sub.add_parser("test", help="Run the YAML test cases of the rules.")
        test.add_argument("paths", nargs="*", type=Path, help="YAML files or folders.")
        test.add_argument("--parameters", type=Path, help="A parameters folder to test instead.")
        test.add_argument("--lang", choices=("nl", "en"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        report = run_yaml_tests(options["paths"] or None, parameters_dir=options["parameters"])
        summary = report.summary(options["lang"])
        if not report.ok:
            self.stdout.write(summary)
            raise CommandError("the rules' tests did not all pass (see above)", returncode=1)
        self.stdout.write(summary)
