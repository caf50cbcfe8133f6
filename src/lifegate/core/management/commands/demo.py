# SPDX-License-Identifier: EUPL-1.2
"""`lifegate demo`: set up the embedded default, seed it, and serve portal, APIs and worker."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from lifegate.cases import services as cases
from lifegate.config import env
from lifegate.config.secrets import load_or_create_secret
from lifegate.core.management.commands.serve import run_server
from lifegate.core.runtime import (
    check_database,
    check_port_free,
    follow_free_evidence_port,
    follow_listening_address,
    pending_migrations,
)
from lifegate.demo import services as demo
from lifegate.demo.management.commands.seed import describe_seed
from lifegate.identity import services as identity
from lifegate.identity.officials import describe_officials

OPERATOR = "beheerder"
# The seed's registry events lie up to two weeks before the demo day (Pieter de Groot died
# five days before it, Noor's birth was registered the day before): scan from there.
DEMO_EVENT_DAYS = 14


def ensure_operator() -> str:
    """The demo operator account (admin), with a password generated on first run."""
    password = load_or_create_secret(settings.HOME, "demo-operator-password", nbytes=12)
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=OPERATOR, defaults={"is_staff": True, "is_superuser": True}
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    return password


class Command(BaseCommand):
    help = "Set up, seed and serve the demo (SQLite under LIFEGATE_HOME) with its worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env.HOST.read())
        parser.add_argument("--port", type=int, default=env.PORT.read())
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up and seed, then stop (for scripts)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        # Before anything is seeded or started: all of it uses the address served on.
        public = follow_listening_address(options["host"], options["port"])
        check_database()
        self._migrate()
        summary = demo.seed_demo(
            persons=env.DEMO_PERSONS.read(),
            seed=env.DEMO_SEED.read(),
            today=dt.date.today(),  # noqa: DTZ011 - the demo day is the local day
            progress=self.stdout.write,
        )
        self.stdout.write(describe_seed(summary, time.perf_counter() - started))
        password = ensure_operator()
        operator_totp = identity.ensure_operator_second_factor(OPERATOR)
        officials = identity.ensure_demo_officials()
        self._open_journeys(summary.reference_date)
        if options["no_serve"]:
            return
        check_port_free(options["host"], options["port"])
        follow_free_evidence_port(avoid=options["port"])
        self._announce(public, password, operator_totp)
        self.stdout.write(describe_officials(officials))
        self._serve_with_worker(options["host"], options["port"])

    def _migrate(self) -> None:
        pending = pending_migrations()
        if pending:
            self.stdout.write(f"Preparing the database ({len(pending)} migrations) ...")
            call_command("migrate", interactive=False, verbosity=0)

    def _open_journeys(self, demo_day: dt.date) -> None:
        # The nightly scan, caught up over the seed's days and every day since (idempotent).
        today = dt.date.today()  # noqa: DTZ011 - the demo day is the local day
        self.stdout.write("Opening the journeys of the registry events since the demo day ...")
        opened = cases.catch_up(demo_day - dt.timedelta(days=DEMO_EVENT_DAYS), today)
        self.stdout.write(f"{len(opened)} journeys of registry events opened (or found open).")

    def _announce(self, base: str, password: str, operator_totp: str) -> None:
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "lifegate demo is running. Open:",
                    f"  Portal (Dutch)    {base}/nl/",
                    f"  Portal (English)  {base}/en/",
                    identity.describe_operator(base, OPERATOR, password, operator_totp),
                    f"  API               {base}/api/v1/openapi.json",
                    f"  Health            {base}/api/v1/health",
                    f"  Evidence provider {settings.EVIDENCE_PROVIDER_URL}/ (demo Spain, a separate"
                    " service)",
                    f"Data is kept in {settings.HOME}. Stop with Ctrl-C; starting again keeps it.",
                    "",
                ]
            )
        )

    def _serve_with_worker(self, host: str, port: int) -> None:
        # The demo Spanish evidence provider is its own HTTP service, as another member
        # state's would be; it listens where LIFEGATE_EVIDENCE_PROVIDER_URL points.
        helpers = [
            subprocess.Popen(  # noqa: S603 - this program's own commands, no user input
                [sys.executable, "-m", "lifegate.cli", command], env=os.environ.copy()
            )
            for command in ("worker", "evidence_provider")
        ]
        try:
            run_server(host, port, workers=1)
        finally:
            for helper in helpers:
                _stop(helper)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
