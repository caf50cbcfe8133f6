# SPDX-License-Identifier: EUPL-1.2
"""`lifegate seed`: the demo government and synthetic population, into the database or Parquet."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.config import env
from lifegate.demo import services as demo


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today {text!r} is not a date; write it as 2025-07-01.") from error


class Command(BaseCommand):
    help = "Seed the demo government and synthetic population (idempotent), or write Parquet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=env.DEMO_PERSONS.read())
        parser.add_argument("--seed", type=int, default=env.DEMO_SEED.read())
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="Demo day the personas' stories are relative to (default: today).",
        )
        parser.add_argument(
            "--parquet",
            type=Path,
            default=None,
            help="Write the population to this folder as Parquet instead.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["persons"] < 100:
            raise CommandError("--persons must be at least 100 (the personas alone need some).")
        today = options["today"] or dt.date.today()  # noqa: DTZ011 - the demo day is local
        if options["parquet"] is not None:
            self._write_parquet(options["parquet"], options["persons"], options["seed"], today)
            return
        started = time.perf_counter()
        summary = demo.seed_demo(
            persons=options["persons"],
            seed=options["seed"],
            today=today,
            progress=self.stdout.write,
        )
        self.stdout.write(describe_seed(summary, time.perf_counter() - started))

    def _write_parquet(self, folder: Path, persons: int, seed: int, today: dt.date) -> None:
        from lifegate.demo.population import generate_population, write_parquet  # noqa: PLC0415

        started = time.perf_counter()
        self.stdout.write(f"Generating {persons:,} persons (seed {seed}, day {today}) ...")
        population = generate_population(persons, seed=seed, today=today)
        generated = time.perf_counter()
        self.stdout.write(f"  generated in {generated - started:.1f} s; writing {folder} ...")
        write_parquet(population, folder, on_progress=lambda m: self.stdout.write(f"  {m}"))
        self.stdout.write(
            f"Done: {population.persons.num_rows:,} persons in {folder} "
            f"({time.perf_counter() - started:.1f} s in all)."
        )


def describe_seed(summary: demo.SeedSummary, seconds: float) -> str:
    counts = summary.organisations
    organisations = (
        f"organisations: {counts.created} created, {counts.updated} updated, "
        f"{counts.unchanged} unchanged"
    )
    if summary.population_loaded:
        rows = ", ".join(f"{count:,} {name}" for name, count in summary.rows.items())
        population = f"population loaded: {rows}"
    else:
        population = (
            f"population already loaded (seed {summary.seed}, demo day "
            f"{summary.reference_date}); nothing changed"
        )
    return f"Seed done in {seconds:.1f} s. {organisations}; {population}."
