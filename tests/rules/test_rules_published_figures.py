# SPDX-License-Identifier: EUPL-1.2
"""Every published 2025 figure of rules-2025.md, computed by the rules (parametrized tables)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from lifegate.rules.openfisca_nl import LABELS_EN, tax_benefit_system


def _household(parents: list[dict[str, Any]], children: list[dict[str, Any]] | None = None) -> Any:
    persons = {f"p{i}": person for i, person in enumerate(parents)}
    kids = {f"k{i}": child for i, child in enumerate(children or [])}
    situation = {
        "personen": {**persons, **kids},
        "huishoudens": {"h": {"ouders": list(persons), "kinderen": list(kids)}},
    }
    return SimulationBuilder().build_from_entities(tax_benefit_system(), situation)


def _adult(income: float, assets: float = 0, born: str = "1990-01-01") -> dict[str, Any]:
    return {
        "geboortedatum": {"ETERNITY": born},
        "jaarinkomen": {"2025": income},
        "vermogen": {"2025": assets},
        "zorgverzekerd": {"2025": True},
        "woont_in_nederland": {"2025": True},
    }


@pytest.mark.parametrize(
    ("born", "amount"),
    [
        ("2025-01-01", 286.45),
        ("2019-07-02", 286.45),
        ("2019-07-01", 347.83),
        ("2013-07-02", 347.83),
        ("2013-07-01", 409.21),
        ("2007-07-02", 409.21),
        ("2007-07-01", 0.0),
    ],
)
def test_kinderbijslag_per_child_per_quarter_follows_the_age_on_the_first_day_of_the_quarter(
    born: str, amount: float
) -> None:
    simulation = _household([_adult(30_000)], [{"geboortedatum": {"ETERNITY": born}}])

    assert simulation.calculate("kinderbijslag", "2025-07")[0] == pytest.approx(amount, abs=1e-4)


@pytest.mark.parametrize(
    ("income", "single", "partner"),
    [
        (29_000, 124, 244),
        (30_000, 112, 232),
        (35_000, 55, 175),
        (39_000, 10, 129),
        (40_000, 0, 118),
    ],
)
def test_zorgtoeslag_reproduces_the_published_2025_table(
    income: int, single: int, partner: int
) -> None:
    alone = _household([_adult(income)])
    couple = _household([_adult(income / 2), _adult(income / 2)])

    assert alone.calculate("zorgtoeslag", "2025-07")[0] == single
    # The table with a partner is within one euro: see the note in the zorgtoeslag YAML tests.
    assert abs(couple.calculate("zorgtoeslag", "2025-07")[0] - partner) <= 1


@pytest.mark.parametrize(
    ("income", "monthly"),
    [
        (28_000, 131),
        (31_000, 101),
        (32_000, 90),
        (33_000, 78),
        (34_000, 67),
        (36_000, 44),
        (37_000, 33),
        (38_000, 21),
    ],
)
def test_zorgtoeslag_without_partner_matches_the_belastingdienst_table_to_the_euro(
    income: int, monthly: int
) -> None:
    assert _household([_adult(income)]).calculate("zorgtoeslag", "2025-07")[0] == monthly


@pytest.mark.parametrize(
    ("variable", "parents", "income", "assets", "expected"),
    [
        ("zorgtoeslag_maximum", 1, 0, 0, 131),
        ("zorgtoeslag_maximum", 2, 0, 0, 250),
        ("zorgtoeslag_inkomensvoorwaarde", 1, 39_719, 0, True),
        ("zorgtoeslag_inkomensvoorwaarde", 1, 39_720, 0, False),
        ("zorgtoeslag_inkomensvoorwaarde", 2, 50_206, 0, True),
        ("zorgtoeslag_inkomensvoorwaarde", 2, 50_207, 0, False),
        ("zorgtoeslag_vermogensvoorwaarde", 1, 0, 141_896, True),
        ("zorgtoeslag_vermogensvoorwaarde", 1, 0, 141_897, False),
        ("zorgtoeslag_vermogensvoorwaarde", 2, 0, 179_429, True),
        ("zorgtoeslag_vermogensvoorwaarde", 2, 0, 179_430, False),
    ],
)
def test_zorgtoeslag_limits_2025(
    variable: str, parents: int, income: int, assets: int, expected: object
) -> None:
    people = [_adult(income, assets)] + [_adult(0, 0)] * (parents - 1)

    assert _household(people).calculate(variable, "2025-07")[0] == expected


@pytest.mark.parametrize(
    ("parents", "income", "expected"),
    [
        (1, 28_406, 2_511 + 3_389),
        (1, 38_406, 2_511 + 3_389 - 710),
        (2, 20_000, 2_511),
        (1, 0, 5_900),
    ],
)
def test_kindgebonden_budget_2025_amounts_and_phase_out(
    parents: int, income: int, expected: float
) -> None:
    people = [_adult(income)] + [_adult(0)] * (parents - 1)

    simulation = _household(people, [{"geboortedatum": {"ETERNITY": "2022-01-15"}}])

    assert simulation.calculate("kindgebonden_budget", "2025-07")[0] == pytest.approx(
        expected, abs=0.01
    )


@pytest.mark.parametrize(
    ("born", "start"),
    [
        ("1958-06-15", "2025-06-15"),
        ("1959-11-15", "2026-11-15"),
        ("1960-02-20", "2027-05-20"),
        ("1959-12-31", "2026-12-31"),
    ],
)
def test_aow_age_is_67_in_2025_and_2026_and_67_years_3_months_in_2027(
    born: str, start: str
) -> None:
    simulation = _household([{"geboortedatum": {"ETERNITY": born}}])

    assert simulation.calculate("aow_ingangsdatum", "2025-07")[0] == np.datetime64(start)


def test_every_variable_has_a_dutch_and_an_english_label_and_a_legal_reference() -> None:
    variables = tax_benefit_system().variables

    assert set(LABELS_EN) == set(variables)
    for name, variable in variables.items():
        assert variable.label and LABELS_EN[name], name
        assert variable.reference[0].startswith("https://wetten.overheid.nl/jci1.3:c:BWBR"), name


def test_every_parameter_not_in_rules_2025_is_marked_illustrative() -> None:
    published = {
        "kinderbijslag",
        "toeslagen",
        "zorgtoeslag.maximum_per_maand",
        "zorgtoeslag.inkomensgrens",
        "zorgtoeslag.afbouwpercentage",
        "zorgtoeslag.minimumleeftijd",
        "kindgebonden_budget.maximum_per_kind",
        "kindgebonden_budget.alleenstaande_ouderkop",
        "kindgebonden_budget.afbouwpercentage",
        "kindgebonden_budget.leeftijd_12",
        "kindgebonden_budget.leeftijd_16",
        "aow.pensioenleeftijd",
    }
    for parameter in tax_benefit_system().parameters.get_descendants():
        if not hasattr(parameter, "values_list"):
            continue
        is_published = any(
            parameter.name == p or parameter.name.startswith(p + ".") for p in published
        )
        assert parameter.metadata["illustrative"] is not is_published, parameter.name
        assert parameter.metadata["reference"].startswith("https://wetten.overheid.nl/"), (
            parameter.name
        )


def test_aow_ages_outside_2025_to_2027_are_illustrative_per_value() -> None:
    years = tax_benefit_system().parameters.aow.pensioenleeftijd.jaren

    flags = {v.instant_str[:4]: v.metadata["illustrative"] for v in years.values_list}

    assert {year for year, flag in flags.items() if not flag} == {"2025", "2026", "2027"}
    assert dt.date(2028, 1, 1).isoformat()[:4] in flags
