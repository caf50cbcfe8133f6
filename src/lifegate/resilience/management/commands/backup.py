# SPDX-License-Identifier: EUPL-1.2
"""`lifegate backup [--output FILE]`: the database and its keys in one private archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifegate.core.runtime import check_database
from lifegate.resilience.backup import create_backup


class Command(BaseCommand):
    help = "Back up the database and the keys in LIFEGATE_HOME/secrets to one archive (0600)."

    def add_arguments(self, parser: CommandParser) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        parser.add_argument("--output", type=Path, default=Path(f"lifegate-backup-{stamp}.tar.gz"))

    def handle(self, *args: Any, **options: Any) -> None:
        check_database()
        output: Path = options["output"]
        manifest = create_backup(output, self.stdout.write)
        size = output.stat().st_size
        self.stdout.write(
            f"Backup written to {output} ({size:,} bytes, mode 0600): {manifest.engine} database, "
            f"ledger of {manifest.ledger_size} entries signed at size {manifest.checkpoint_size}, "
            f"{len(manifest.secrets)} keys."
        )
        self.stdout.write(
            "Warning: the archive holds the installation's private keys. Keep it encrypted "
            "(e.g. `age -p` or your backup system's encryption) and off shared disks."
        )
