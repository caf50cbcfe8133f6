# SPDX-License-Identifier: EUPL-1.2
"""`lifegate backup [--output FILE]`: the database and its keys in one private archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lifegate.core.runtime import check_database
from lifegate.resilience.backup import backup_key_path, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the keys in LIFEGATE_HOME/secrets to one archive (0600), "
        "sealed with AES-256-GCM under LIFEGATE_HOME/secrets/backup-key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        parser.add_argument("--output", type=Path, default=Path(f"lifegate-backup-{stamp}.sealed"))

    def handle(self, *args: Any, **options: Any) -> None:
        check_database()
        output: Path = options["output"]
        manifest = create_backup(output, self.stdout.write)
        size = output.stat().st_size
        self.stdout.write(
            f"Sealed backup written to {output} ({size:,} bytes, mode 0600): "
            f"{manifest.engine} database, "
            f"ledger of {manifest.ledger_size} entries signed at size {manifest.checkpoint_size}, "
            f"{len(manifest.secrets)} keys."
        )
        self.stdout.write(
            f"Keep a copy of the backup key {backup_key_path()} apart from the backups "
            "(e.g. in your password vault): without it no backup can be restored, and "
            "`lifegate restore FILE --key-file KEY` needs it on a new installation."
        )
