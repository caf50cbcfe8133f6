# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""Studiefinanciering (student finance, DUO): the basic grant (basisbeurs), per month.

The amounts and the age limits are `illustrative` in the demo.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.entities import Persoon
from lifegate.rules.openfisca_nl.variables.base import WSF, Regel


class studiefinanciering_leeftijdsvoorwaarde(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "18 jaar of ouder en jonger dan 30"
    label_en = "Aged 18 or over and under 30"
    reference = f"{WSF}&artikel=3.1"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).studiefinanciering
        oud = persoon("leeftijd", period)
        return (oud >= p.minimumleeftijd) & (oud < p.leeftijdsgrens)


class studiefinanciering_inschrijvingsvoorwaarde(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Ingeschreven voor een opleiding in het hoger onderwijs"
    label_en = "Enrolled in higher education"
    reference = f"{WSF}&artikel=2.9"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        return persoon("ingeschreven_hoger_onderwijs", period)


class studiefinanciering_basisbeurs(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Basisbeurs per maand, thuiswonend of uitwonend (illustratief)"
    label_en = "Basic grant per month, living with parents or away (illustrative)"
    reference = f"{WSF}&artikel=3.18"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        beurs = parameters(period).studiefinanciering.basisbeurs
        thuis = persoon("woont_bij_ouders", period)
        recht = persoon("studiefinanciering_leeftijdsvoorwaarde", period) & persoon(
            "studiefinanciering_inschrijvingsvoorwaarde", period
        )
        return np.where(recht, np.where(thuis, beurs.thuiswonend, beurs.uitwonend), 0.0)


VARIABLES = (
    studiefinanciering_leeftijdsvoorwaarde,
    studiefinanciering_inschrijvingsvoorwaarde,
    studiefinanciering_basisbeurs,
)
