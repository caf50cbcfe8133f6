# SPDX-License-Identifier: EUPL-1.2
import io
import json
import os
import shutil
import stat
import tarfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from lifegate.resilience import sealing
from tests.conftest import lifegate_env, run_lifegate

SERVER = os.environ.get("DATABASE_URL", "")
ENGINE = "postgresql" if SERVER else "sqlite"
# Tests that make a backup on the suite's server but whose outcome does not depend on it
# (the file is refused before the database is touched): the PostgreSQL pass would only
# repeat them.
ONCE_PER_SUITE = pytest.mark.skipif(
    bool(SERVER), reason="independent of the database engine; runs in the SQLite pass"
)

Database = Callable[[], dict[str, str]]


@pytest.fixture(scope="module")
def fresh_database() -> Iterator[Database]:
    """Environment for a fresh, empty database of the suite's engine: SQLite in the home
    folder, or in the PostgreSQL pass a new database on the suite's server."""
    created: list[str] = []

    def make() -> dict[str, str]:
        if not SERVER:
            return {}
        name = f"lifegate_backup_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(SERVER, autocommit=True) as server:
            server.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return {"DATABASE_URL": urlsplit(SERVER)._replace(path=f"/{name}").geturl()}

    yield make
    if created:
        with psycopg.connect(SERVER, autocommit=True) as server:
            for name in created:
                server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _installation(folder: Path, database: Database) -> dict[str, str]:
    folder.mkdir()
    return lifegate_env(folder, **database())


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory, fresh_database: Database) -> Path:
    """A sealed backup of an installation with five audit records; its key in `key`."""
    folder = tmp_path_factory.mktemp("backup")
    source = _installation(folder / "source", fresh_database)
    assert run_lifegate(["migrate", "-v", "0"], source).returncode == 0
    wrote = run_lifegate(["drill_probe", "write", "5"], source)
    assert wrote.stdout.split() == ["0", "1", "2", "3", "4"], wrote.stderr

    made = run_lifegate(["backup", "--output", str(folder / "backup.sealed")], source)

    assert made.returncode == 0, made.stderr
    shutil.copy(folder / "source" / "secrets" / "backup-key", folder / "key")
    return folder / "backup.sealed"


def _key(backup: Path) -> Path:
    return backup.parent / "key"


def _restore(backup: Path, fresh: dict[str, str], *extra: str) -> tuple[int, str]:
    result = run_lifegate(["restore", str(backup), *extra], fresh)
    return result.returncode, result.stdout + result.stderr


def _nothing_restored(fresh: dict[str, str], source_secrets: Path) -> bool:
    secrets = Path(fresh["LIFEGATE_HOME"]) / "secrets"
    same = [
        p.name
        for p in source_secrets.iterdir()
        if (secrets / p.name).exists() and (secrets / p.name).read_bytes() == p.read_bytes()
    ]
    unmigrated = run_lifegate(["migrate", "--check"], fresh).returncode != 0
    return not same and unmigrated


@pytest.mark.slow
def test_a_sealed_backup_restored_into_a_fresh_installation_matches_its_signed_checkpoint(
    backup, fresh_database, tmp_path
):
    fresh = _installation(tmp_path / "fresh", fresh_database)

    code, output = _restore(backup, fresh, "--key-file", str(_key(backup)))
    counts = json.loads(run_lifegate(["drill_probe", "counts"], fresh).stdout)

    assert code == 0, output
    assert f"Restored a {ENGINE} backup" in output
    assert "root matches the last signed checkpoint" in output
    assert counts["drill_writes"] == 5 and counts["ledger_intact"] and counts["trail_intact"]


@pytest.mark.slow
def test_the_backup_file_is_sealed_private_and_holds_no_copy_of_its_own_key(backup):
    plain = io.BytesIO()
    key = _key(backup).read_bytes().strip()

    with backup.open("rb") as sealed:
        sealing.unseal(key, sealed, plain)
    with tarfile.open(fileobj=io.BytesIO(plain.getvalue()), mode="r:gz") as archive:
        names = archive.getnames()

    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert sealing.is_sealed(backup.read_bytes()[:64])
    assert "manifest.json" in names and "secrets/backup-key" not in names
    assert any(name.startswith("secrets/") for name in names)


@pytest.mark.slow
@ONCE_PER_SUITE
def test_a_changed_backup_is_refused_and_nothing_is_restored(backup, fresh_database, tmp_path):
    changed = tmp_path / "changed.sealed"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(bytes(data))
    fresh = _installation(tmp_path / "fresh", fresh_database)

    code, output = _restore(changed, fresh, "--key-file", str(_key(backup)))

    assert code != 0
    assert "failed its integrity check" in output and "nothing was restored" in output
    assert _nothing_restored(fresh, backup.parent / "source" / "secrets")


@pytest.mark.slow
@ONCE_PER_SUITE
def test_a_backup_opened_with_another_key_is_refused_and_says_which_key_to_pass(
    backup, fresh_database, tmp_path
):
    fresh = _installation(tmp_path / "fresh", fresh_database)
    (tmp_path / "fresh" / "secrets").mkdir(mode=0o700)
    (tmp_path / "fresh" / "secrets" / "backup-key").write_text("the-new-installations-own-key")

    (tmp_path / "binary.key").write_bytes(bytes(range(128, 256)))

    code, output = _restore(backup, fresh)
    missing, missing_output = _restore(backup, fresh, "--key-file", str(tmp_path / "nokey"))
    binary, binary_output = _restore(backup, fresh, "--key-file", str(tmp_path / "binary.key"))

    assert code != 0 and "sealed with another key" in output and "--key-file" in output
    assert missing != 0 and "no backup key at" in missing_output
    assert binary != 0 and "is not a lifegate backup key" in binary_output
    assert "bug" not in binary_output
    assert _nothing_restored(fresh, backup.parent / "source" / "secrets")


@pytest.mark.slow
@ONCE_PER_SUITE
def test_an_unencrypted_backup_of_an_earlier_version_needs_an_explicit_flag(
    backup, fresh_database, tmp_path
):
    plain = tmp_path / "old-backup.tar.gz"
    with backup.open("rb") as sealed, plain.open("wb") as target:
        sealing.unseal(_key(backup).read_bytes().strip(), sealed, target)
    fresh = _installation(tmp_path / "fresh", fresh_database)

    refused, refused_output = _restore(plain, fresh)
    code, output = _restore(plain, fresh, "--allow-unencrypted")

    assert refused != 0 and "--allow-unencrypted" in refused_output
    assert code == 0 and "root matches the last signed checkpoint" in output, output


@pytest.mark.slow
def test_the_drill_runs_every_scenario_with_nothing_lost_or_let_in(tmp_path):
    # The drill's temporary installation is always SQLite (it drops DATABASE_URL) and this
    # test takes no database fixture, so the PostgreSQL pass leaves it out (tests/conftest.py);
    # see the README's honest limits.
    report_file = tmp_path / "drill.json"

    result = run_lifegate(["drill", "--json", str(report_file)], lifegate_env(tmp_path), 600)
    if not report_file.exists():
        # The harness itself broke down before reporting (e.g. a port still held by a dying
        # worker on a loaded machine): that is no finding about lifegate, so run it once more.
        # A drill that reports anything lost or let in fails at once, never retried.
        result = run_lifegate(["drill", "--json", str(report_file)], lifegate_env(tmp_path), 600)

    assert report_file.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(report_file.read_text())
    assert result.returncode == 0, result.stdout[-3000:]
    assert (report["lost"], report["let_in"], report["problems"]) == (0, 0, 0)
    assert all(not s["skipped"] and s["ok"] for s in report["scenarios"])
    assert len(report["scenarios"]) == 7
