# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""Kindgebonden budget (child-related budget, Belastingdienst/Toeslagen), per year.

A MONTH variable here holds the *yearly* amount that applies in that month: the children
counted are those with kinderbijslag in the month's quarter, the income that of the year.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.entities import Huishouden
from lifegate.rules.openfisca_nl.variables.base import AWIR, WKB, Regel


class kindgebonden_budget_kinderbijslagvoorwaarde(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Het huishouden krijgt kinderbijslag voor minstens één kind"
    label_en = "The household receives child benefit for at least one child"
    reference = f"{WKB}&artikel=2"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        return huishouden("kinderbijslag_aantal_kinderen", period) > 0


class kindgebonden_budget_vermogensvoorwaarde(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Vermogen van de ouders niet boven de vermogensgrens"
    label_en = "Assets of the parents not above the asset limit"
    reference = f"{AWIR}&artikel=7"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        grens = parameters(period).toeslagen.vermogensgrens
        alleen = huishouden("alleenstaande_ouder", period)
        bezit = huishouden("huishoudvermogen", period.this_year)
        return bezit <= np.where(alleen, grens.zonder_partner, grens.met_partner)


class kindgebonden_budget_maximum(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = (
        "Maximaal kindgebonden budget per jaar:"
        " per kind, extra voor oudere kinderen en voor een alleenstaande ouder"
    )
    label_en = (
        "Maximum child-related budget per year:"
        " per child, extra for older children and for a single parent"
    )
    reference = f"{WKB}&artikel=2"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).kindgebonden_budget
        met_kb = huishouden.members("kinderbijslag_per_kind", period) > 0
        oud = huishouden.members("kinderbijslag_leeftijd_begin_kwartaal", period)
        per_kind = np.select(
            [oud >= p.leeftijd_16, oud >= p.leeftijd_12],
            [p.maximum_per_kind + p.extra_16_tot_18, p.maximum_per_kind + p.extra_12_tot_16],
            p.maximum_per_kind,
        )
        kinderen = huishouden.sum(np.where(met_kb, per_kind, 0.0), role=Huishouden.KIND)
        alleen = huishouden("alleenstaande_ouder", period)
        return kinderen + np.where(alleen & (kinderen > 0), p.alleenstaande_ouderkop, 0.0)


class kindgebonden_budget_drempel(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Inkomen waarboven het kindgebonden budget wordt afgebouwd"
    label_en = "Income above which the child-related budget is phased out"
    reference = f"{WKB}&artikel=2"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period)
        alleen = huishouden("alleenstaande_ouder", period)
        return np.where(alleen, p.toeslagen.drempelinkomen, p.kindgebonden_budget.drempel_partners)


class kindgebonden_budget_afbouw(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Afbouw per jaar: percentage van het inkomen boven de drempel"
    label_en = "Phase-out per year: a percentage of the income above the threshold"
    reference = f"{WKB}&artikel=2"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        inkomen = huishouden("huishoudinkomen", period.this_year)
        boven = np.maximum(0.0, inkomen - huishouden("kindgebonden_budget_drempel", period))
        return parameters(period).kindgebonden_budget.afbouwpercentage * boven


class kindgebonden_budget(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Kindgebonden budget per jaar"
    label_en = "Child-related budget per year"
    reference = f"{WKB}&artikel=2"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        voorwaarden = huishouden(
            "kindgebonden_budget_kinderbijslagvoorwaarde", period
        ) & huishouden("kindgebonden_budget_vermogensvoorwaarde", period)
        bedrag = huishouden("kindgebonden_budget_maximum", period) - huishouden(
            "kindgebonden_budget_afbouw", period
        )
        return np.where(voorwaarden, np.round(np.maximum(0.0, bedrag), 2), 0.0)


VARIABLES = (
    kindgebonden_budget_kinderbijslagvoorwaarde,
    kindgebonden_budget_vermogensvoorwaarde,
    kindgebonden_budget_maximum,
    kindgebonden_budget_drempel,
    kindgebonden_budget_afbouw,
    kindgebonden_budget,
)
