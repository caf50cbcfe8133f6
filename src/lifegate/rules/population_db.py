# SPDX-License-Identifier: EUPL-1.2
"""The population as the rules' population run reads it, from the demo registries' tables.

The demo block owns these tables; this reads them read-only through Django's app registry
(no import of its models) into the same Arrow tables `population.read_population` gives.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from django.apps import apps

from lifegate.rules.population import PERSON_COLUMNS, Tables

_CHUNK = 50_000


def _table(model: Any, fields: tuple[str, ...], names: tuple[str, ...]) -> pa.Table:
    columns: list[list[Any]] = [[] for _ in fields]
    rows = model.objects.order_by("pk").values_list(*fields).iterator(chunk_size=_CHUNK)
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return pa.table(dict(zip(names, columns, strict=True)))


def read_population_from_database() -> Tables:
    """`persons`, `parenthood` and `households` of the demo registries, as Arrow tables."""
    person = apps.get_model("demo", "Person")
    parenthood = apps.get_model("demo", "Parenthood")
    household = apps.get_model("demo", "Household")
    persons = _table(person, PERSON_COLUMNS, PERSON_COLUMNS)
    return {
        "persons": persons.cast(
            pa.schema(
                [
                    ("person_id", pa.int64()),
                    ("birth_date", pa.date32()),
                    ("death_date", pa.date32()),
                    ("household_id", pa.int64()),
                    ("partner_id", pa.int64()),
                    ("yearly_income", pa.int64()),
                    ("assets", pa.int64()),
                    ("health_insured", pa.bool_()),
                    ("registered_in_brp", pa.bool_()),
                    ("student", pa.bool_()),
                ]
            )
        ),
        "parenthood": _table(parenthood, ("parent_id", "child_id"), ("parent_id", "child_id")).cast(
            pa.schema([("parent_id", pa.int64()), ("child_id", pa.int64())])
        ),
        "households": _table(
            household, ("household_id", "rented"), ("household_id", "rented")
        ).cast(pa.schema([("household_id", pa.int64()), ("rented", pa.bool_())])),
    }
