# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""Zorgtoeslag (healthcare allowance, Belastingdienst/Toeslagen), per month.

The amount is the maximum less 13.67 % of the yearly income above the threshold, divided
by 12, rounded *down* to whole euros: that reproduces the Belastingdienst's published 2025
table without a partner exactly (see README for the table with a partner).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.dates import add_months, as_day
from lifegate.rules.openfisca_nl.entities import Persoon
from lifegate.rules.openfisca_nl.variables.base import AWIR, WZT, ZVW, Regel


class zorgtoeslag_leeftijdsvoorwaarde(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "18 jaar geworden vóór deze maand"
    label_en = "Turned 18 before this month"
    reference = f"{WZT}&artikel=2"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        jaren = parameters(period).zorgtoeslag.minimumleeftijd
        verjaardag = add_months(persoon("geboortedatum", period), 12 * jaren)
        return verjaardag < as_day(period.start.date)


class zorgtoeslag_verzekeringsvoorwaarde(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Verzekerd voor de Zorgverzekeringswet"
    label_en = "Insured under the Health Insurance Act"
    reference = f"{ZVW}&artikel=2"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        return persoon("zorgverzekerd", period)


class zorgtoeslag_inkomensvoorwaarde(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Toetsingsinkomen niet boven de inkomensgrens"
    label_en = "Assessment income not above the income limit"
    reference = f"{WZT}&artikel=2"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        grens = parameters(period).zorgtoeslag.inkomensgrens
        inkomen = persoon("toetsingsinkomen", period.this_year)
        partner = persoon("heeft_toeslagpartner", period)
        return inkomen <= np.where(partner, grens.met_partner, grens.zonder_partner)


class zorgtoeslag_vermogensvoorwaarde(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Vermogen niet boven de vermogensgrens"
    label_en = "Assets not above the asset limit"
    reference = f"{AWIR}&artikel=7"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        grens = parameters(period).toeslagen.vermogensgrens
        bezit = persoon("gezamenlijk_vermogen", period.this_year)
        partner = persoon("heeft_toeslagpartner", period)
        return bezit <= np.where(partner, grens.met_partner, grens.zonder_partner)


class zorgtoeslag_maximum(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Maximale zorgtoeslag per maand"
    label_en = "Maximum healthcare allowance per month"
    reference = f"{WZT}&artikel=2"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        maximum = parameters(period).zorgtoeslag.maximum_per_maand
        partner = persoon("heeft_toeslagpartner", period)
        return np.where(partner, maximum.met_partner, maximum.zonder_partner)


class zorgtoeslag_afbouw(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Afbouw per maand: percentage van het inkomen boven het drempelinkomen, gedeeld door 12"
    label_en = "Phase-out per month: a percentage of the income above the threshold, divided by 12"
    reference = f"{WZT}&artikel=2"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period)
        inkomen = persoon("toetsingsinkomen", period.this_year)
        boven = np.maximum(0.0, inkomen - p.toeslagen.drempelinkomen)
        return p.zorgtoeslag.afbouwpercentage * boven / 12


class zorgtoeslag(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Zorgtoeslag per maand (naar beneden afgerond op hele euro's)"
    label_en = "Healthcare allowance per month (rounded down to whole euros)"
    reference = f"{WZT}&artikel=2"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        voorwaarden = (
            persoon("zorgtoeslag_leeftijdsvoorwaarde", period)
            & persoon("zorgtoeslag_verzekeringsvoorwaarde", period)
            & persoon("zorgtoeslag_inkomensvoorwaarde", period)
            & persoon("zorgtoeslag_vermogensvoorwaarde", period)
        )
        # The epsilon keeps float noise (123.99999999 for 124) from costing a whole euro.
        bedrag = persoon("zorgtoeslag_maximum", period) - persoon("zorgtoeslag_afbouw", period)
        return np.where(voorwaarden, np.floor(np.maximum(0.0, bedrag) + 1e-9), 0.0)


VARIABLES = (
    zorgtoeslag_leeftijdsvoorwaarde,
    zorgtoeslag_verzekeringsvoorwaarde,
    zorgtoeslag_inkomensvoorwaarde,
    zorgtoeslag_vermogensvoorwaarde,
    zorgtoeslag_maximum,
    zorgtoeslag_afbouw,
    zorgtoeslag,
)
