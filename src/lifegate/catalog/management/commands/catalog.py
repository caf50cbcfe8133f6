# SPDX-License-Identifier: EUPL-1.2
"""`lifegate catalog import FILE [--dry-run]`: load a CPSV-AP catalog (Turtle or JSON-LD).

Also `lifegate catalog export [--format turtle|json-ld]`, so a round trip needs no server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.catalog import exports, services
from lifegate.catalog.cpsv import serialise
from lifegate.catalog.cpsv.serialise import Format

_SUFFIXES: dict[str, Format] = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld"}
_SHOWN_VIOLATIONS = 200


def rdf_format_of(path: Path, given: str | None) -> Format:
    """The format named, else the one the file name says (.ttl, .jsonld, .json)."""
    if given in ("turtle", "json-ld"):
        return "turtle" if given == "turtle" else "json-ld"
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise CommandError(
            f"Cannot tell the format of {path.name}: name it .ttl or .jsonld, or pass --format."
        ) from None


class Command(BaseCommand):
    help = "Import or export the catalog as CPSV-AP 3.2 (Turtle or JSON-LD)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="Validate and load a CPSV-AP catalog file.")
        load.add_argument("file", type=Path, help="A Turtle (.ttl) or JSON-LD (.jsonld) file.")
        load.add_argument("--format", choices=["turtle", "json-ld"], help="Overrides the suffix.")
        load.add_argument(
            "--dry-run", action="store_true", help="Validate and report; write nothing."
        )
        dump = actions.add_parser("export", help="Write the stored catalog to standard output.")
        dump.add_argument("--format", choices=["turtle", "json-ld"], default="turtle")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.stdout.write(serialise(exports.catalog_graph(), options["format"]), ending="")
            return
        self._import(options["file"], options.get("format"), dry_run=options["dry_run"])

    def _import(self, path: Path, given: str | None, *, dry_run: bool) -> None:
        rdf_format = rdf_format_of(path, given)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        self.stdout.write(f"Validating {path.name} ({rdf_format}) against CPSV-AP 3.2 and SDG…")
        report = services.import_catalog(data, rdf_format, dry_run=dry_run, progress=self._progress)
        if not report.ok:
            for violation in report.violations[:_SHOWN_VIOLATIONS]:
                self.stderr.write(
                    f"  {violation.focus or '-'} {violation.path or '-'}: {violation.message}"
                )
            hidden = len(report.violations) - _SHOWN_VIOLATIONS
            more = f" (and {hidden} more)" if hidden > 0 else ""
            raise CommandError(f"{len(report.violations)} violation(s){more}; nothing was written.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{len(report.created)} service(s) {verb} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged."
            + (" Dry run: nothing was written." if dry_run else "")
        )
        for label, ids in (("created", report.created), ("updated", report.updated)):
            if ids:
                self.stdout.write(f"  {label}: {', '.join(ids)}")
        self._incomplete(report.incomplete, dry_run=dry_run)

    def _incomplete(self, incomplete: dict[str, tuple[str, ...]], *, dry_run: bool) -> None:
        if not incomplete:
            return
        verb = "would be" if dry_run else "are"
        self.stdout.write(
            f"{len(incomplete)} service(s) {verb} incomplete: not shown to citizens until an "
            "official adds the missing SDG items in the admin (Catalog, Services)."
        )
        for service, items in incomplete.items():
            self.stdout.write(f"  incomplete: {service} lacks {', '.join(items)}")

    def _progress(self, done: int, total: int) -> None:
        # every tenth service and the last one: enough to see a long import move
        if done == total or done % 10 == 0:
            self.stdout.write(f"  {done}/{total} services written")
