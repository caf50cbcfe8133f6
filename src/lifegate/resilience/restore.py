# SPDX-License-Identifier: EUPL-1.2
"""Restore an archive of `lifegate backup`, then check the ledger against its signed head.

Restoring goes into an empty database (a fresh installation) unless `force` is given: a
restore replaces every table. Keys are written to LIFEGATE_HOME/secrets (mode 0600).
The sealed file is opened (and so checked whole, chunk by chunk) into a private scratch
folder before anything is restored: a changed file or another key restores nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from lifegate.core.errors import UserFacingError
from lifegate.ledger import services as ledger
from lifegate.resilience import sealing
from lifegate.resilience.backup import (
    KEY_NAME,
    Progress,
    _database_url,
    _pg_tool,
    backup_key_path,
    engine,
    read_manifest,
)

_GZIP = b"\x1f\x8b"


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    ledger_entries: int
    checkpoint_size: int
    root_matches: bool
    ledger_intact: bool
    problems: list[str]

    @property
    def ok(self) -> bool:
        return self.root_matches and self.ledger_intact


def _has_tables() -> bool:
    return bool(connection.introspection.table_names())


def _restore_secrets(archive: tarfile.TarFile, overwrite: bool) -> int:
    folder = Path(settings.HOME) / "secrets"
    folder.mkdir(exist_ok=True, mode=0o700)
    count = 0
    for member in archive.getmembers():
        if not member.isfile() or not member.name.startswith("secrets/"):
            continue
        name = Path(member.name).name
        source = archive.extractfile(member)
        data = source.read() if source else b""
        target = folder / name
        if target.exists() and target.read_bytes() != data and not overwrite:
            raise UserFacingError(f"{target} differs from the backup's; add --force to replace it")
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        count += 1
    return count


def _restore_database(archive: tarfile.TarFile, manifest: dict[str, Any], scratch: Path) -> None:
    if manifest["engine"] != engine():
        raise UserFacingError(
            f"the backup is of {manifest['engine']}, this installation uses {engine()}: "
            "set DATABASE_URL to a database of the backup's kind"
        )
    name = "database.sqlite3" if engine() == "sqlite" else "database.pgdump"
    archive.extract(name, scratch, filter="data")
    dump = scratch / name
    if engine() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
        connections.close_all()
        return
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        f"--dbname={_database_url()}",
        str(dump),
    ]
    connections.close_all()
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise UserFacingError(f"pg_restore failed: {result.stderr.strip()[-400:]}")


def _key(key_file: Path | None) -> bytes:
    path = key_file or backup_key_path()
    if not path.is_file():
        raise UserFacingError(
            f"no backup key at {path}: copy {KEY_NAME} from the secrets folder of the "
            "installation that made the backup, or pass it with --key-file FILE; "
            "nothing was restored"
        )
    try:
        return path.read_bytes().decode("ascii").strip().encode()
    except UnicodeDecodeError:
        raise UserFacingError(
            f"{path} is not a lifegate backup key (that is one line of text, the file "
            f"{KEY_NAME} in the secrets folder): pass the {KEY_NAME} of the installation "
            "that made the backup with --key-file FILE; nothing was restored"
        ) from None


def _refusal(error: sealing.SealError, key_file: Path | None) -> UserFacingError:
    if error.reason == "wrong-key":
        return UserFacingError(
            f"the backup was sealed with another key than {key_file or backup_key_path()}: "
            f"pass the {KEY_NAME} of the installation that made it with --key-file FILE; "
            "nothing was restored"
        )
    return UserFacingError(
        f"the backup failed its integrity check ({error}): the file was changed or damaged "
        "after it was made; nothing was restored. Restore another copy or an earlier backup"
    )


def open_backup(
    path: Path, scratch: Path, key_file: Path | None = None, allow_unencrypted: bool = False
) -> Path:
    """The plain archive of a sealed backup, opened into `scratch` (checked whole first)."""
    with path.open("rb") as source:
        start = source.read(len(sealing.MAGIC))
        source.seek(0)
        if start.startswith(_GZIP) and allow_unencrypted:
            return path
        if start.startswith(_GZIP):
            raise UserFacingError(
                "this backup is not encrypted (made by an earlier lifegate), so it cannot be "
                "checked for changes; if you trust the file, add --allow-unencrypted"
            )
        plain = scratch / "backup.tar.gz"
        descriptor = os.open(plain, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as target:
            try:
                sealing.unseal(_key(key_file), source, target)
            except sealing.SealError as error:
                if error.reason == "not-sealed":
                    raise UserFacingError(
                        f"{path} is not a lifegate backup; pass a file made by `lifegate backup`"
                    ) from None
                raise _refusal(error, key_file) from None
    return plain


def restore_backup(
    path: Path,
    progress: Progress,
    force: bool = False,
    key_file: Path | None = None,
    allow_unencrypted: bool = False,
) -> Restored:
    with tempfile.TemporaryDirectory() as scratch:
        progress(f"Opening and checking the sealed backup {path} ...")
        plain = open_backup(path, Path(scratch), key_file, allow_unencrypted)
        manifest = _restore_archive(plain, progress, force)
    progress("Checking the ledger against its last signed checkpoint ...")
    return _check(manifest)


def _restore_archive(plain: Path, progress: Progress, force: bool) -> dict[str, Any]:
    with tarfile.open(plain, "r:gz") as archive:
        manifest = read_manifest(archive)
        fresh = not _has_tables()
        if not fresh and not force:
            raise UserFacingError(
                "the database is not empty; restore into a fresh installation "
                "or add --force to replace everything in it"
            )
        progress(f"Restoring keys into {settings.HOME}/secrets ...")
        _restore_secrets(archive, overwrite=fresh or force)
        with tempfile.TemporaryDirectory() as scratch:
            progress(f"Restoring the {manifest['engine']} database ...")
            _restore_database(archive, manifest, Path(scratch))
    return manifest


def _check(manifest: dict[str, Any]) -> Restored:
    report = ledger.audit() if manifest["checkpoint_size"] else None
    head = ledger.latest_head()
    root = head.checkpoint.root_hash.hex() if head else ""
    problems = [str(p) for p in report.problems] if report else []
    return Restored(
        manifest,
        ledger.size(),
        head.checkpoint.size if head else 0,
        root == manifest["checkpoint_root"],
        report.ok if report else True,
        problems,
    )
