# SPDX-License-Identifier: EUPL-1.2
"""`generate_population`: the personas plus a random, realistic Dutch population."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from lifegate.demo.population.extras import companies_table, diplomas_table
from lifegate.demo.population.households import draw_households, minors
from lifegate.demo.population.people import households_table, parenthood_table, persons_table
from lifegate.demo.population.personas import PERSONAS, persona_tables
from lifegate.demo.population.tables import TABLE_NAMES, Population


def generate_population(n_persons: int = 10_000, *, seed: int = 2025, today: dt.date) -> Population:
    """`n_persons` persons in all (the personas included), the same for the same inputs.

    Everything random comes from one `numpy.random.Generator` seeded with `seed` and drawn
    in a fixed order, so (seed, today) fix every row. Dates are relative to `today`.

    >>> population = generate_population(100, seed=1, today=dt.date(2025, 7, 1))
    >>> population.persons.num_rows
    100
    """
    if n_persons < len(PERSONAS):
        raise ValueError(f"n_persons must be at least {len(PERSONAS)} (the personas)")
    rng = np.random.default_rng(seed)
    homes = draw_households(rng, n_persons - len(PERSONAS), today)
    households, municipality = households_table(rng, homes)
    persons, residents = persons_table(rng, homes, municipality, today, seed)
    random = {
        "persons": persons,
        "households": households,
        "parenthood": parenthood_table(homes, minors(homes.birth, today)),
        "companies": companies_table(rng, residents, today),
        "diplomas": diplomas_table(rng, residents),
    }
    personas = persona_tables(today)
    tables = {
        name: pa.concat_tables([personas[name], random[name]]) if name in random else personas[name]
        for name in TABLE_NAMES
    }
    return Population(**tables)
