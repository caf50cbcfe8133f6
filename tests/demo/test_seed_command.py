# SPDX-License-Identifier: EUPL-1.2
"""`lifegate seed --parquet` writes the population without a database, with progress."""

import pyarrow.parquet as pq

from tests.conftest import lifegate_env, run_lifegate


def test_seed_to_parquet_writes_every_table_and_ends_with_a_summary(lifegate_home, tmp_path):
    folder = tmp_path / "population"

    result = run_lifegate(
        [
            "seed",
            "--persons",
            "2000",
            "--seed",
            "3",
            "--today",
            "2025-07-01",
            "--parquet",
            str(folder),
        ],
        lifegate_env(lifegate_home),
    )

    assert result.returncode == 0, result.stderr
    assert "Generating 2,000 persons" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("Done: 2,000 persons")
    assert pq.read_table(folder / "persons.parquet").num_rows == 2000
    assert {p.stem for p in folder.glob("*.parquet")} >= {"persons", "households", "companies"}


def test_seed_refuses_a_malformed_day_with_the_expected_form(lifegate_home, tmp_path):
    result = run_lifegate(
        ["seed", "--today", "1 juli", "--parquet", str(tmp_path / "p")], lifegate_env(lifegate_home)
    )

    assert result.returncode != 0
    assert "2025-07-01" in result.stderr
