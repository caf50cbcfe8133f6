# SPDX-License-Identifier: EUPL-1.2
"""The population's tables: their Arrow schemas (a contract with the loader and the rules)."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

PERSONS = pa.schema(
    [
        ("person_id", pa.int64(), False),
        ("bsn", pa.string(), False),
        ("foreign_id", pa.string(), False),
        ("given_names", pa.string(), False),
        ("family_name", pa.string(), False),
        ("sex", pa.string(), False),
        ("birth_date", pa.date32(), False),
        ("death_date", pa.date32()),
        ("nationality", pa.string(), False),
        ("municipality_code", pa.string(), False),
        ("household_id", pa.int64()),
        ("partner_id", pa.int64()),
        ("yearly_income", pa.int64(), False),
        ("assets", pa.int64(), False),
        ("health_insured", pa.bool_(), False),
        ("registered_in_brp", pa.bool_(), False),
        ("birth_registered_on", pa.date32()),
        ("employment_end_date", pa.date32()),
        ("student", pa.bool_(), False),
        ("persona", pa.string(), False),
    ]
)
HOUSEHOLDS = pa.schema(
    [
        ("household_id", pa.int64(), False),
        ("municipality_code", pa.string(), False),
        ("street", pa.string(), False),
        ("house_number", pa.int32(), False),
        ("postcode", pa.string(), False),
        ("city", pa.string(), False),
        ("rented", pa.bool_(), False),
    ]
)
PARENTHOOD = pa.schema(
    [
        ("parent_id", pa.int64(), False),
        ("child_id", pa.int64(), False),
        ("has_authority", pa.bool_(), False),
    ]
)
COMPANIES = pa.schema(
    [
        ("kvk_number", pa.string(), False),
        ("name", pa.string(), False),
        ("owner_person_id", pa.int64(), False),
        ("start_date", pa.date32(), False),
        ("municipality_code", pa.string(), False),
        ("legal_form", pa.string(), False),
    ]
)
DIPLOMAS = pa.schema(
    [
        ("person_id", pa.int64(), False),
        ("level", pa.string(), False),
        ("programme", pa.string(), False),
        ("institution", pa.string(), False),
        ("awarded_on", pa.date32(), False),
    ]
)
MANDATES = pa.schema(
    [
        ("grantor_person_id", pa.int64()),
        ("grantor_kvk_number", pa.string(), False),
        ("holder_person_id", pa.int64(), False),
        ("scope", pa.string(), False),
        ("valid_from", pa.date32(), False),
        ("valid_until", pa.date32(), False),
    ]
)
SCHEMAS: dict[str, pa.Schema] = {
    "persons": PERSONS,
    "households": HOUSEHOLDS,
    "parenthood": PARENTHOOD,
    "companies": COMPANIES,
    "diplomas": DIPLOMAS,
    "mandates": MANDATES,
}
TABLE_NAMES = tuple(SCHEMAS)


@dataclass(frozen=True, eq=False)
class Population:
    """The synthetic population: one `pyarrow.Table` per table, with the schemas above.

    Persons with ids 1..99 are the personas; random persons start at 1000. Households work
    the same way. Compare two populations with `equals` (Arrow tables have no `==`).
    """

    persons: pa.Table
    households: pa.Table
    parenthood: pa.Table
    companies: pa.Table
    diplomas: pa.Table
    mandates: pa.Table

    def tables(self) -> dict[str, pa.Table]:
        """Table name -> `pyarrow.Table`, in the order a loader inserts them."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def equals(self, other: Population) -> bool:
        return all(table.equals(other.tables()[name]) for name, table in self.tables().items())
