# SPDX-License-Identifier: EUPL-1.2
"""The population written as Parquet reads back identical, one file per table."""

import datetime as dt

import pytest

from lifegate.demo.population import TABLE_NAMES, generate_population, read_parquet, write_parquet


def test_a_population_survives_a_parquet_round_trip(tmp_path):
    population = generate_population(3_000, seed=5, today=dt.date(2024, 2, 29))
    messages: list[str] = []

    paths = write_parquet(population, tmp_path / "out", on_progress=messages.append)
    again = read_parquet(tmp_path / "out")

    assert again.equals(population)
    assert {path.name for path in paths.values()} == {f"{name}.parquet" for name in TABLE_NAMES}
    assert len(messages) == len(TABLE_NAMES)
    assert messages[0].startswith("persons: 3,000 rows")


def test_reading_a_folder_without_the_tables_names_what_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="persons"):
        read_parquet(tmp_path)
