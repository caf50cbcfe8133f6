# SPDX-License-Identifier: EUPL-1.2
"""The demo population with the personas, loaded as `lifegate demo` loads it (small)."""

from __future__ import annotations

import datetime as dt

from lifegate.catalog import services as catalog
from lifegate.demo import services as demo

PERSONS = 150


def load(today: dt.date) -> dict[str, int]:
    """Person ids of the personas by first name (`sanne`, `daan`, `noor`, ...)."""
    from lifegate.demo.population import generate_population  # noqa: PLC0415 - numpy is heavy

    catalog.seed_organisations()
    demo.load_population(
        generate_population(PERSONS, seed=2025, today=today),
        persons=PERSONS,
        seed=2025,
        reference_date=today,
    )
    return {p.persona.split("-")[0]: p.person.person_id for p in demo.personas()}


def bsn_of(person_id: int) -> str:
    person = demo.find_person(person_id)
    assert person is not None
    return person.bsn
