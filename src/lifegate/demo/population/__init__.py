# SPDX-License-Identifier: EUPL-1.2
"""The synthetic population: the demo personas plus random, realistic Dutch residents.

Pure: no Django, no HTTP; numpy and pyarrow only, and no IO except `write_parquet`.

    population = generate_population(10_000, seed=2025, today=dt.date(2025, 7, 1))
    population.persons  # a pyarrow.Table; see `tables` for every table's schema
    write_parquet(population, "out/")  # out/persons.parquet, out/households.parquet, ...
"""

from __future__ import annotations

from lifegate.demo.population.generate import generate_population
from lifegate.demo.population.parquet import Progress, read_parquet, write_parquet
from lifegate.demo.population.people import FIRST_RANDOM_ID
from lifegate.demo.population.personas import KVK_BAKKERIJ_VAN_DIJK, PERSONA_KEYS, PERSONAS
from lifegate.demo.population.tables import SCHEMAS, TABLE_NAMES, Population

__all__ = [
    "FIRST_RANDOM_ID",
    "KVK_BAKKERIJ_VAN_DIJK",
    "PERSONAS",
    "PERSONA_KEYS",
    "SCHEMAS",
    "TABLE_NAMES",
    "Population",
    "Progress",
    "generate_population",
    "read_parquet",
    "write_parquet",
]
