# SPDX-License-Identifier: EUPL-1.2
"""The demo personas of PERSONAS.md: always present, their facts true on any `today`.

Built with plain Python (a few dozen rows). Choices the persona table leaves open:
- Sanne and Daan's assets of 20,000 are split 10,000 each; household assets are the sum.
- Noor is not yet registered with a health insurer (`health_insured` false): the birth
  journey does that. Mila, a minor, is insured through her mother's policy.
- Pieter's record stays `registered_in_brp` with his `death_date`, as the BRP keeps it.
- Lucía's expected income is unknown: 0 until she tells us.
- The mandate Jan -> Eva runs from 90 days ago; the company mandate from the company's start;
  both until 31 December of next year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from lifegate.demo.population.dates import add_months, shift_years
from lifegate.demo.population.tables import (
    COMPANIES,
    DIPLOMAS,
    HOUSEHOLDS,
    MANDATES,
    PARENTHOOD,
    PERSONS,
)

Born = Callable[[dt.date], dt.date]
KVK_BAKKERIJ_VAN_DIJK = "90000012"  # persona KvK numbers start with 9, random ones never do


def _aged(years: int, days_since_birthday: int) -> Born:
    """Exactly `years` old on `today`, last birthday `days_since_birthday` (< 365) days ago."""
    return lambda today: shift_years(today - dt.timedelta(days=days_since_birthday), -years)


def _turns(years: int, on: Born) -> Born:
    return lambda today: shift_years(on(today), -years)


@dataclass(frozen=True)
class Persona:
    person_id: int
    key: str
    given_names: str
    family_name: str
    sex: str
    born: Born
    bsn: str
    household_id: int | None
    yearly_income: int = 0
    assets: int = 0
    partner_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# fmt: off
PERSONAS: tuple[Persona, ...] = (
    Persona(1, "sanne-de-vries", "Sanne", "de Vries", "F", _aged(31, 140), "999900018", 1,
            26_000, 10_000, partner_id=2),
    Persona(2, "daan-de-vries", "Daan", "de Vries", "M", _aged(33, 60), "999900031", 1,
            34_000, 10_000, partner_id=1),
    Persona(3, "noor-de-vries", "Noor", "de Vries", "F", lambda t: t - dt.timedelta(days=12),
            "999900043", 1, extra={"health_insured": False, "birth_registered_on": "yesterday"}),
    Persona(4, "lucia-garcia-fernandez", "Lucía", "García Fernández", "F", _aged(29, 200), "",
            None, extra={"foreign_id": "ES/NL/4F7A2C9E1B3D5A60", "nationality": "ES",
                         "health_insured": False, "registered_in_brp": False}),
    Persona(5, "jan-bakker", "Jan", "Bakker", "M", _aged(84, 100), "999900055", 2,
            19_000, 25_000),
    Persona(6, "eva-bakker", "Eva", "Bakker", "F", _aged(52, 250), "999900067", 3,
            41_000, 15_000),
    Persona(7, "mila-jansen", "Mila", "Jansen", "F",
            _turns(18, lambda t: t + dt.timedelta(days=9)), "999900079", 4),
    Persona(8, "petra-jansen", "Petra", "Jansen", "F", _aged(46, 30), "999900080", 4,
            24_000, 3_000),
    Persona(9, "ahmed-el-amrani", "Ahmed", "El Amrani", "M", _aged(24, 90), "999900092", 5,
            9_000, 2_000),
    Persona(10, "kees-visser", "Kees", "Visser", "M", _turns(67, lambda t: add_months(t, 3)),
            "999900109", 6, 48_000, 60_000, partner_id=11),
    Persona(11, "ria-visser", "Ria", "Visser", "F", _aged(64, 180), "999900110", 6,
            14_000, partner_id=10),
    Persona(12, "fatma-yilmaz", "Fatma", "Yılmaz", "F", _aged(38, 300),  # noqa: RUF001 - Turkish dotless i
            "999900122", 7,
            36_000, 8_000, extra={"employment_end_date": "end of last month"}),
    Persona(13, "pieter-de-groot", "Pieter", "de Groot", "M",
            lambda t: shift_years(t - dt.timedelta(days=155), -79), "999900134", 8,
            21_000, 45_000, extra={"death_date": "5 days ago"}),
    Persona(14, "thomas-de-groot", "Thomas", "de Groot", "M", _aged(50, 20), "999900146", 9,
            52_000, 30_000),
    Persona(15, "lotte-van-dijk", "Lotte", "van Dijk", "F", _aged(35, 45), "999900158", 10,
            28_000, 12_000),
    Persona(16, "femke-smit", "Femke", "Smit", "F", _aged(44, 120), "999900171", 11,
            58_000, 40_000),
)
_HOUSEHOLDS = (  # id, municipality, street, number, postcode, city, rented
    (1, "GM0344", "Zonnebloemstraat", 14, "3531 GK", "Utrecht", True),
    (2, "GM0307", "Zonnewijzerlaan", 3, "3815 LD", "Amersfoort", False),
    (3, "GM0307", "Berkenhof", 27, "3822 BT", "Amersfoort", False),
    (4, "GM0014", "Kastanjeplein", 8, "9721 TC", "Groningen", True),
    (5, "GM0014", "Moesstraat", 61, "9717 JV", "Groningen", True),
    (6, "GM0344", "Merelhof", 5, "3571 PW", "Utrecht", False),
    (7, "GM0344", "Vlampijpstraat", 88, "3534 AT", "Utrecht", True),
    (8, "GM0307", "Eikenhof", 11, "3817 DE", "Amersfoort", False),
    (9, "GM0307", "Hazelaarstraat", 19, "3813 GJ", "Amersfoort", False),
    (10, "GM0344", "Twijnstraat", 40, "3511 ZL", "Utrecht", True),
    (11, "GM0344", "Biltstraat", 150, "3572 BN", "Utrecht", False),
)
_PARENTHOOD = ((1, 3, True), (2, 3, True), (8, 7, True), (5, 6, False), (13, 14, False))
# fmt: on
PERSONA_KEYS = tuple(persona.key for persona in PERSONAS)


def _relative_dates(extra: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Resolve the story dates written as words in `PERSONAS` to dates for `today`."""
    words = {
        "yesterday": today - dt.timedelta(days=1),
        "5 days ago": today - dt.timedelta(days=5),
        "end of last month": today.replace(day=1) - dt.timedelta(days=1),
    }
    return {k: words.get(v, v) if isinstance(v, str) else v for k, v in extra.items()}


def persona_persons(today: dt.date) -> pa.Table:
    households = {row[0]: row[1] for row in _HOUSEHOLDS}
    rows = []
    for persona in PERSONAS:
        row: dict[str, Any] = {name: None for name in PERSONS.names}
        row |= {
            "person_id": persona.person_id,
            "bsn": persona.bsn,
            "foreign_id": "",
            "given_names": persona.given_names,
            "family_name": persona.family_name,
            "sex": persona.sex,
            "birth_date": persona.born(today),
            "nationality": "NL",
            "municipality_code": households.get(persona.household_id or 0, ""),
            "household_id": persona.household_id,
            "partner_id": persona.partner_id,
            "yearly_income": persona.yearly_income,
            "assets": persona.assets,
            "health_insured": True,
            "registered_in_brp": True,
            "student": False,
            "persona": persona.key,
        }
        rows.append(row | _relative_dates(persona.extra, today))
    return pa.Table.from_pylist(rows, schema=PERSONS)


def _story_rows(today: dt.date) -> dict[str, list[tuple[Any, ...]]]:
    """The persona rows of the smaller tables, as tuples in schema order."""
    bakkerij_start = today.replace(day=1)
    end_of_next_year = dt.date(today.year + 1, 12, 31)
    master = today - dt.timedelta(days=45)  # Ahmed's
    groningen, gansfort = "Rijksuniversiteit Groningen", "Wessel Gansfort Scholengemeenschap"
    # fmt: off
    return {
        "households": list(_HOUSEHOLDS),
        "parenthood": list(_PARENTHOOD),
        "companies": [(KVK_BAKKERIJ_VAN_DIJK, "Bakkerij Van Dijk", 15, bakkerij_start,
                       "GM0344", "eenmanszaak")],
        "diplomas": [
            (9, "vwo", "Natuur en Techniek", gansfort, shift_years(master, -6)),
            (9, "bachelor", "Informatica", groningen, shift_years(master, -2)),
            (9, "master", "Computing Science", groningen, master),
            (16, "bachelor", "Accountancy", "Hogeschool Utrecht", shift_years(today, -21)),
        ],
        "mandates": [
            (5, "", 6, "care-and-allowances", today - dt.timedelta(days=90), end_of_next_year),
            (None, KVK_BAKKERIJ_VAN_DIJK, 16, "company-all", bakkerij_start, end_of_next_year),
        ],
    }
    # fmt: on


def persona_tables(today: dt.date) -> dict[str, pa.Table]:
    """All persona rows, per table, for the demo day `today`."""
    schemas = {
        "households": HOUSEHOLDS,
        "parenthood": PARENTHOOD,
        "companies": COMPANIES,
        "diplomas": DIPLOMAS,
        "mandates": MANDATES,
    }
    tables = {
        name: pa.Table.from_pylist(
            [dict(zip(schemas[name].names, row, strict=True)) for row in rows],
            schema=schemas[name],
        )
        for name, rows in _story_rows(today).items()
    }
    return {"persons": persona_persons(today), **tables}
