# SPDX-License-Identifier: EUPL-1.2
"""`lifegate drill`: a cyber exercise of scripted faults and attacks, with what each did.

Without `--base-url` it starts a temporary installation (own home, SQLite, free ports) and
stops it afterwards. With `--base-url`, run it in the installation's environment (same
DATABASE_URL and LIFEGATE_HOME); scenarios that must kill its processes are then skipped.
Exits non-zero when data was lost or access let in.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse
from django.utils import translation

from lifegate.resilience import installation, scenarios
from lifegate.resilience.scenarios import Outcome


class Command(BaseCommand):
    help = "Run the cyber exercise (faults and attacks) and report loss, let-in and recovery."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="", help="A running installation (default: start one)."
        )
        parser.add_argument("--json", type=Path, help="Also write the report as JSON here.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        base = options["base_url"]
        site = installation.existing(base) if base else installation.temporary(self.stdout.write)
        self.stdout.write(f"Installation ready after {time.perf_counter() - started:.0f}s.")
        try:
            outcomes = self._run(site)
        finally:
            if site.managed:
                site.stop()
        report = self._report(outcomes, time.perf_counter() - started)
        if options["json"]:
            options["json"].write_text(json.dumps(report, indent=2), encoding="utf-8")
        if report["lost"] or report["let_in"] or report["problems"]:
            raise CommandError(
                f"the drill found {report['lost']} lost and {report['let_in']} let in, and "
                f"{report['problems']} scenarios measured nothing to trust: see FAILED above"
            )

    def _run(self, site: installation.Installation) -> list[Outcome]:
        with translation.override("en"):
            sign_in_path = reverse("identity:official-sign-in")
        normal_rate = site.normal_rate or float(settings.RATE_LIMIT_PER_SECOND)
        steps: list[tuple[str, Callable[[], list[Outcome]]]] = [
            ("evidence provider", lambda: [scenarios.provider_faults(site)]),
            ("database restart", lambda: [scenarios.database_restart(site)]),
            ("worker kill", lambda: [scenarios.worker_killed(site)]),
            ("burst", lambda: [scenarios.burst(site, normal_rate)]),
            ("sign-in flood", lambda: [scenarios.sign_in_flood(site, sign_in_path)]),
            ("tokens and key rotation", lambda: scenarios.tokens_and_key_compromise(site)),
        ]
        outcomes: list[Outcome] = []
        for number, (name, step) in enumerate(steps, 1):
            self.stdout.write(f"[{number}/{len(steps)}] {name} ...")
            began = time.perf_counter()
            for outcome in self._attempt(name, step):
                outcomes.append(outcome)
                self._print(outcome)
            self.stdout.write(f"  ({time.perf_counter() - began:.1f}s)")
        return outcomes

    @staticmethod
    def _attempt(name: str, step: Callable[[], list[Outcome]]) -> list[Outcome]:
        """The step's outcomes; a step that broke down is a failed outcome, and the drill
        goes on (the report says what broke)."""
        try:
            return step()
        except Exception as error:
            return [
                Outcome(name, problem=f"the scenario broke down: {type(error).__name__}: {error}")
            ]

    def _print(self, out: Outcome) -> None:
        if out.skipped:
            self.stdout.write(f"  {out.name}: skipped ({out.skipped})")
            return
        recovery = "n/a" if out.recovery is None else f"{out.recovery:.1f}s"
        verdict = "OK" if out.ok else "FAILED"
        self.stdout.write(
            f"  {out.name}: {verdict} — lost {out.lost}, let in {out.let_in}, recovery {recovery}"
        )
        for line in out.happened:
            self.stdout.write(f"    {line}")
        if out.problem:
            self.stdout.write(f"    measured nothing to trust: {out.problem}")

    def _report(self, outcomes: list[Outcome], seconds: float) -> dict[str, Any]:
        lost, let_in = sum(o.lost for o in outcomes), sum(o.let_in for o in outcomes)
        ran = [o for o in outcomes if not o.skipped]
        self.stdout.write(
            f"Drill done in {seconds:.0f}s: {len(ran)} scenarios ran, {len(outcomes) - len(ran)} "
            f"skipped; {lost} lost, {let_in} let in."
        )
        return {
            "seconds": round(seconds, 1),
            "lost": lost,
            "let_in": let_in,
            "problems": sum(1 for o in outcomes if o.problem),
            "scenarios": [asdict(o) | {"ok": o.ok} for o in outcomes],
        }
