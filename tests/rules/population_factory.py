# SPDX-License-Identifier: EUPL-1.2
"""Small random populations in the synthetic population's Parquet shape, and the same
people as eligibility situations (built independently, to cross-check the population run)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from lifegate.rules.eligibility import Fact, Home, Person, Situation

SOURCE = "registry:brp"


def _household(
    rng: np.random.Generator, home: int, next_id: int, on: dt.date
) -> tuple[list[dict[str, object]], list[tuple[int, int]]]:
    adults = int(rng.choice([1, 2], p=[0.4, 0.6]))
    kids = int(rng.integers(0, 4))
    rows: list[dict[str, object]] = []
    for i in range(adults):
        born = on - dt.timedelta(days=int(rng.integers(18 * 365 + 5, 90 * 365)))
        rows.append({"person_id": next_id + i, "birth_date": born})
    for j in range(kids):
        born = on - dt.timedelta(days=int(rng.integers(1, 25 * 365)))
        rows.append({"person_id": next_id + adults + j, "birth_date": born})
    for row in rows:
        row.update(
            household_id=home,
            death_date=on - dt.timedelta(days=3) if rng.random() < 0.03 else None,
            partner_id=None,
            yearly_income=int(rng.choice([0, 12_000, 24_000, 29_000, 35_000, 60_000])),
            assets=int(rng.choice([0, 20_000, 150_000])),
            health_insured=bool(rng.random() < 0.95),
            registered_in_brp=bool(rng.random() < 0.97),
            student=bool(rng.random() < 0.3),
            bsn="",
            persona="",
        )
    if adults == 2:
        rows[0]["partner_id"], rows[1]["partner_id"] = next_id + 1, next_id
    parents = [(next_id + i, next_id + adults + j) for i in range(adults) for j in range(kids)]
    return rows, parents


def population_tables(households: int, on: dt.date, seed: int = 7) -> dict[str, pa.Table]:
    rng = np.random.default_rng(seed)
    persons: list[dict[str, object]] = []
    parenthood: list[tuple[int, int]] = []
    for home in range(1, households + 1):
        rows, links = _household(rng, home, 1000 + 10 * home, on)
        persons.extend(rows)
        parenthood.extend(links)
    rented = [bool(rng.random() < 0.5) for _ in range(households)]
    return {
        "persons": pa.Table.from_pylist(persons),
        "parenthood": pa.table(
            {
                "parent_id": [p for p, _ in parenthood],
                "child_id": [c for _, c in parenthood],
                "has_authority": [True] * len(parenthood),
            }
        ),
        "households": pa.table(
            {
                "household_id": list(range(1, households + 1)),
                "municipality_code": ["0344"] * households,
                "rented": rented,
            }
        ),
    }


def _alive(row: dict[str, object], on: dt.date) -> bool:
    death = row["death_date"]
    return bool(row["registered_in_brp"]) and (death is None or death > on)  # type: ignore[operator]


class Registry:
    """The tables as the registries would answer, one household at a time."""

    def __init__(self, tables: dict[str, pa.Table], on: dt.date) -> None:
        self.on = on
        self.rows = {int(r["person_id"]): r for r in tables["persons"].to_pylist() if _alive(r, on)}
        self.parents_of: dict[int, list[int]] = {}
        for link in tables["parenthood"].to_pylist():
            parent, child = int(link["parent_id"]), int(link["child_id"])
            if (
                parent in self.rows
                and child in self.rows
                and self.rows[parent]["household_id"] == self.rows[child]["household_id"]
            ):
                self.parents_of.setdefault(child, []).append(parent)
        homes = tables["households"]
        self.rented = dict(
            zip(homes["household_id"].to_pylist(), homes["rented"].to_pylist(), strict=True)
        )

    def situation_for(self, person_id: int) -> Situation:
        """The person's household: everyone at their address, every fact with its source."""
        rows, me = self.rows, self.rows[person_id]
        members = [r for r in rows.values() if r["household_id"] == me["household_id"]]
        persons = tuple(
            _person(r, rows, sorted(self.parents_of.get(int(r["person_id"]), []))) for r in members
        )
        founder = me
        if _minor(me, self.on) and self.parents_of.get(person_id):
            founder = rows[min(self.parents_of[person_id])]
        partner = founder["partner_id"] if founder["partner_id"] in rows else None
        key = (
            min(int(founder["person_id"]), int(partner))
            if partner is not None
            else int(founder["person_id"])
        )
        rented = Fact(bool(self.rented[rows[key]["household_id"]]), SOURCE)
        return Situation(persons=persons, subject_id=str(person_id), home=Home(rented=rented))


def _minor(row: dict[str, object], on: dt.date) -> bool:
    born: dt.date = row["birth_date"]  # type: ignore[assignment]
    return on.year - born.year - int((on.month, on.day) < (born.month, born.day)) < 18


def _person(
    row: dict[str, object], rows: dict[int, dict[str, object]], parents: list[int]
) -> Person:
    partner = row["partner_id"] if row["partner_id"] in rows else None
    return Person(
        id=str(row["person_id"]),
        birth_date=Fact(row["birth_date"], SOURCE),  # type: ignore[arg-type]
        partner=Fact(None if partner is None else str(partner), SOURCE),
        parents=Fact(tuple(str(p) for p in parents), SOURCE),
        yearly_income=Fact(float(row["yearly_income"]), "registry:income"),  # type: ignore[arg-type]
        assets=Fact(float(row["assets"]), "registry:income"),  # type: ignore[arg-type]
        health_insured=Fact(bool(row["health_insured"]), "registry:zvw"),
        resident=Fact(True, SOURCE),
        enrolled_higher_education=Fact(bool(row["student"]), "registry:duo"),
        lives_with_parents=Fact(bool(parents), SOURCE),
    )
