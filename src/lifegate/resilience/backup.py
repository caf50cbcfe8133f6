# SPDX-License-Identifier: EUPL-1.2
"""Backup and restore: the database and the keys needed to verify it, in one archive.

SQLite is copied with its online backup API (consistent while the server writes);
PostgreSQL with `pg_dump --format=custom` / `pg_restore` of the postgresql package. The
archive (tar.gz) holds `manifest.json`, the database and `secrets/`; the file written is
that archive sealed with AES-256-GCM (`sealing.py`) under the backup key
`LIFEGATE_HOME/secrets/backup-key`, generated on the first backup and never put in a
backup itself: keep a copy of it apart from the backups, or they cannot be restored.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from lifegate.config.secrets import load_or_create_secret
from lifegate.core.errors import UserFacingError
from lifegate.ledger import services as ledger
from lifegate.resilience import sealing

FORMAT = "lifegate-backup-1"
KEY_NAME = "backup-key"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Manifest:
    engine: str
    created_at: str
    ledger_size: int
    checkpoint_size: int
    checkpoint_root: str
    secrets: list[str]

    def as_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2).encode()


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))[-1:]), None
    )
    if not found:
        raise UserFacingError(
            f"{name} is missing: install PostgreSQL's client (apt-get install postgresql-client)"
        )
    return found


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST', '')}:{db.get('PORT') or 5432}"
    return f"postgresql://{db.get('USER', '')}{password}@{host}/{db['NAME']}"


def _dump_database(folder: Path) -> Path:
    if engine() == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    target = folder / "database.pgdump"
    command = [
        _pg_tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        f"--file={target}",
        _database_url(),
    ]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - fixed tool
    return target


def _secret_files() -> list[Path]:
    # The backup key stays out of the backups it seals.
    folder = Path(settings.HOME) / "secrets"
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != KEY_NAME)


def backup_key_path() -> Path:
    return Path(settings.HOME) / "secrets" / KEY_NAME


def backup_key() -> bytes:
    """The key that seals backups: generated on the first backup (0600), then reused."""
    return load_or_create_secret(Path(settings.HOME), KEY_NAME, nbytes=32).encode()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    archive.addfile(info, io.BytesIO(data))


def create_backup(output: Path, progress: Progress) -> Manifest:
    """Write the sealed archive to `output` (0600); signs a checkpoint first so all is covered."""
    progress("Signing a ledger checkpoint over every entry ...")
    head = ledger.ensure_checkpoint()
    secrets = _secret_files()
    manifest = Manifest(
        engine(),
        dt.datetime.now(dt.UTC).isoformat(),
        ledger.size(),
        head.checkpoint.size if head else 0,
        head.checkpoint.root_hash.hex() if head else "",
        [p.name for p in secrets],
    )
    with tempfile.TemporaryDirectory() as scratch:
        progress(f"Copying the {manifest.engine} database ...")
        dump = _dump_database(Path(scratch))
        plain = Path(scratch) / "backup.tar.gz"
        with tarfile.open(plain, mode="w:gz") as archive:
            _add_bytes(archive, "manifest.json", manifest.as_json())
            archive.add(dump, arcname=dump.name)
            progress(f"Adding {len(secrets)} keys and secrets from LIFEGATE_HOME ...")
            for path in secrets:
                archive.add(path, arcname=f"secrets/{path.name}")
        progress(f"Sealing the archive with the backup key {backup_key_path()} ...")
        key = backup_key()
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as target, plain.open("rb") as source:
            sealing.seal(key, source, target)
    output.chmod(0o600)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    member = archive.extractfile("manifest.json")
    data: dict[str, Any] = json.loads(member.read()) if member else {}
    if data.get("format") != FORMAT:
        raise UserFacingError(
            "this file is not a lifegate backup (no manifest.json of format "
            f"{FORMAT}); pass a file made by `lifegate backup`"
        )
    return data
