# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""Huurtoeslag (rent allowance, Belastingdienst/Toeslagen), per month: a simplified demo.

Every huurtoeslag parameter is `illustrative`: the real calculation (Wht art. 16-21) has
more steps. This one pays the rent above a base rent that rises with income, up to a cap.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.entities import Huishouden
from lifegate.rules.openfisca_nl.variables.base import AWIR, WHT, Regel


class huurtoeslag_huurvoorwaarde(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Woont in een huurwoning"
    label_en = "Lives in a rented home"
    reference = f"{WHT}&artikel=7"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        return huishouden("huurwoning", period)


class huurtoeslag_leeftijdsvoorwaarde(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "De aanvrager is 18 jaar of ouder"
    label_en = "The applicant is 18 or older"
    reference = f"{WHT}&artikel=9"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        jaren = parameters(period).huurtoeslag.minimumleeftijd
        oud = huishouden.members("leeftijd", period) >= jaren
        return huishouden.any(oud, role=Huishouden.OUDER)


class huurtoeslag_huurgrensvoorwaarde(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "De huur is niet hoger dan de huurgrens"
    label_en = "The rent is not above the rent limit"
    reference = f"{WHT}&artikel=13"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        return huishouden("huur", period) <= parameters(period).huurtoeslag.huurgrens


class huurtoeslag_vermogensvoorwaarde(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Vermogen van de ouders niet boven de vermogensgrens voor huurtoeslag"
    label_en = "Assets of the parents not above the rent allowance asset limit"
    reference = f"{AWIR}&artikel=7"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        grens = parameters(period).huurtoeslag.vermogensgrens
        alleen = huishouden("alleenstaande_ouder", period)
        bezit = huishouden("huishoudvermogen", period.this_year)
        return bezit <= np.where(alleen, grens.zonder_partner, grens.met_partner)


class huurtoeslag_basishuur(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Basishuur: het deel van de huur dat men zelf betaalt, stijgend met het inkomen"
    label_en = "Base rent: the part of the rent paid by the household, rising with income"
    reference = f"{WHT}&artikel=17"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).huurtoeslag
        inkomen = huishouden("huishoudinkomen", period.this_year)
        boven = np.maximum(0.0, inkomen - p.inkomensdrempel)
        return p.minimum_basishuur + p.afbouwpercentage * boven / 12


class huurtoeslag(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Huurtoeslag per maand (vereenvoudigd, illustratief)"
    label_en = "Rent allowance per month (simplified, illustrative)"
    reference = f"{WHT}&artikel=16"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, parameters: Any) -> Any:
        voorwaarden = (
            huishouden("huurtoeslag_huurvoorwaarde", period)
            & huishouden("huurtoeslag_leeftijdsvoorwaarde", period)
            & huishouden("huurtoeslag_huurgrensvoorwaarde", period)
            & huishouden("huurtoeslag_vermogensvoorwaarde", period)
        )
        gedekt = np.minimum(
            huishouden("huur", period), parameters(period).huurtoeslag.aftoppingsgrens
        )
        bedrag = np.maximum(0.0, gedekt - huishouden("huurtoeslag_basishuur", period))
        return np.where(voorwaarden, np.round(bedrag, 2), 0.0)


VARIABLES = (
    huurtoeslag_huurvoorwaarde,
    huurtoeslag_leeftijdsvoorwaarde,
    huurtoeslag_huurgrensvoorwaarde,
    huurtoeslag_vermogensvoorwaarde,
    huurtoeslag_basishuur,
    huurtoeslag,
)
