# SPDX-License-Identifier: EUPL-1.2
"""`lifegate baseline`: run the security checks against this installation and report them."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from lifegate.baseline import catalogue, measures, report
from lifegate.baseline.logscan import LineCollector
from lifegate.baseline.outcome import CheckRegistry, Outcome, Status


class Command(BaseCommand):
    help = (
        "Run the security baseline (BIO, OWASP ASVS 4.0.3) against this installation and "
        "write a report; exits with 1 when a check fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=sorted(report.RENDERERS), default="text")
        parser.add_argument("--output", type=Path, help="Write the report here (default: stdout).")
        parser.add_argument(
            "--examples",
            type=int,
            default=3,
            help="schemathesis examples per API operation (default 3).",
        )
        parser.add_argument(
            "--only",
            nargs="*",
            default=None,
            metavar="CHECK",
            help="Run only these checks (ids as in the report).",
        )
        parser.add_argument(
            "--logs",
            type=Path,
            default=None,
            help="Also scan this log file of the installation for leaks.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logs"] is not None and not options["logs"].is_file():
            raise CommandError(f"{options['logs']} is not a file: pass the path of a log file.")
        collector = LineCollector()
        registry = catalogue.build(options["examples"], collector, options["logs"])
        chosen = self._chosen(registry, options["only"])
        results = self._run_all(chosen, collector)
        made = report.Report(
            timezone.now().isoformat(timespec="seconds"),
            settings.PUBLIC_URL,
            tuple(results),
            measures.MEASURES,
        )
        self._write(made, options["format"], options["output"])
        self.stderr.write(made.summary())
        if not made.passed:
            raise SystemExit(1)

    def _chosen(self, registry: CheckRegistry, only: list[str] | None) -> CheckRegistry:
        unknown = measures.check_ids() - {c.id for c in registry}
        if unknown:
            raise CommandError(f"measures name unregistered checks: {', '.join(sorted(unknown))}")
        if only is None:
            return registry
        missing = [c for c in only if c not in registry]
        if missing:
            names = ", ".join(c.id for c in registry)
            raise CommandError(f"unknown check {', '.join(missing)}; choose from {names}")
        chosen = CheckRegistry()
        for check in registry:
            if check.id in only:
                chosen.register(check)
        return chosen

    def _run_all(
        self, registry: CheckRegistry, collector: LineCollector
    ) -> list[report.CheckResult]:
        root = logging.getLogger()
        quiet = [(h, h.level) for h in root.handlers]
        for handler, _ in quiet:  # refusals the checks provoke are expected; keep the screen calm
            handler.setLevel(logging.CRITICAL + 1)
        root.addHandler(collector)
        try:
            with transaction.atomic():  # the checks leave nothing behind in the database
                results = [self._run_one(i, len(registry), c) for i, c in enumerate(registry, 1)]
                transaction.set_rollback(True)
        finally:
            root.removeHandler(collector)
            for handler, level in quiet:
                handler.setLevel(level)
        return results

    def _run_one(self, number: int, total: int, check: Any) -> report.CheckResult:
        self.stderr.write(f"[{number}/{total}] {check.id}: {check.title} …", ending="")
        self.stderr.flush()
        started = time.monotonic()
        try:
            outcome = check.run()
        except Exception as error:  # a check that crashes is a failed check, with the reason
            outcome = Outcome(Status.FAIL, (f"the check crashed: {type(error).__name__}: {error}",))
        seconds = time.monotonic() - started
        self.stderr.write(f" {outcome.status.value} ({seconds:.1f}s)")
        return report.CheckResult(check.id, check.title, outcome, seconds)

    def _write(self, made: report.Report, fmt: str, output: Path | None) -> None:
        text = report.RENDERERS[fmt](made)
        if output is None:
            self.stdout.write(text, ending="")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stderr.write(f"report written to {output}")
