# SPDX-License-Identifier: EUPL-1.2
"""`lifegate ledger verify`: a yes, or a precise account of what was changed.

`lifegate ledger verify --against OLD.note` also checks that a checkpoint published earlier
is a prefix of today's log (RFC 9162 consistency proof).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.ledger import services
from lifegate.ledger.errors import LedgerError


class Command(BaseCommand):
    help = "Check the ledger against its signed checkpoints (verify)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])
        parser.add_argument(
            "--against",
            type=Path,
            action="append",
            default=[],
            help="A signed checkpoint published earlier; must be a prefix of today's log.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = services.audit()
        except LedgerError as exc:
            raise CommandError(f"cannot verify: {exc.message}") from exc
        for line in report.lines():
            self.stdout.write(line)
        unsigned = services.size() - (report.checkpoint.size if report.checkpoint else 0)
        if unsigned > 0:
            self.stdout.write(f"{unsigned} newer entries are not yet signed by a checkpoint.")
        ok = report.ok and self._check_published(options["against"])
        if not ok:
            raise CommandError("the ledger is NOT intact (see above)")
        self.stdout.write("yes: the ledger is intact.")

    def _check_published(self, paths: list[Path]) -> bool:
        head = services.latest_head()
        ok = True
        for path in paths:
            if head is None:
                return False
            try:
                old = services.check_consistency(path.read_text(encoding="utf-8"), head)
            except LedgerError as exc:
                self.stdout.write(f"{path}: NOT consistent with the log: {exc}")
                ok = False
                continue
            size = head.checkpoint.size
            self.stdout.write(f"{path}: size {old.size} is a prefix of size {size}: consistent")
        return ok
