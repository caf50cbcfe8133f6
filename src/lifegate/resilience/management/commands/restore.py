# SPDX-License-Identifier: EUPL-1.2
"""`lifegate restore FILE`: restore a backup, then check the ledger's root against its head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lifegate.resilience.restore import restore_backup


class Command(BaseCommand):
    help = "Restore a `lifegate backup` archive into this (fresh) installation and verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that is not empty."
        )
        parser.add_argument(
            "--key-file",
            type=Path,
            default=None,
            help="The backup key of the installation that made the backup "
            "(default: LIFEGATE_HOME/secrets/backup-key).",
        )
        parser.add_argument(
            "--allow-unencrypted",
            action="store_true",
            help="Also restore an unencrypted backup of an earlier lifegate (not checkable).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} does not exist; pass a file made by `lifegate backup`")
        restored = restore_backup(
            path,
            self.stdout.write,
            force=options["force"],
            key_file=options["key_file"],
            allow_unencrypted=options["allow_unencrypted"],
        )
        manifest = restored.manifest
        self.stdout.write(
            f"Restored a {manifest['engine']} backup of {manifest['created_at']}: "
            f"{restored.ledger_entries} ledger entries, last signed checkpoint at size "
            f"{restored.checkpoint_size}."
        )
        for problem in restored.problems:
            self.stdout.write(f"  {problem}")
        if not restored.ok:
            raise CommandError(
                "the restored ledger does NOT match the backup's signed checkpoint "
                f"(root matches: {restored.root_matches}, intact: {restored.ledger_intact}); "
                "do not use this installation, restore an earlier backup"
            )
        self.stdout.write("yes: the ledger's root matches the last signed checkpoint.")
