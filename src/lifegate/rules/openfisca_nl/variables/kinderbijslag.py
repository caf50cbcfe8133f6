# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""Kinderbijslag (child benefit, SVB): per child per quarter, by age, to an insured parent.

The amounts are quarterly. A MONTH variable here holds the amount for the *quarter that
contains the month*, so `kinderbijslag` in 2025-07, 2025-08 and 2025-09 is the same
quarterly amount, not a third of it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.dates import add_months, age_on, as_day, quarter_start
from lifegate.rules.openfisca_nl.entities import Huishouden, Persoon
from lifegate.rules.openfisca_nl.variables.base import AKW, Regel


def _quarter_start(period: Any) -> np.datetime64:
    return as_day(quarter_start(period.start.year, period.start.month))


class kinderbijslag_leeftijd_begin_kwartaal(Regel):
    value_type = int
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Leeftijd van het kind op de eerste dag van het kwartaal"
    label_en = "Age of the child on the first day of the quarter"
    reference = f"{AKW}&artikel=12"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        return age_on(persoon("geboortedatum", period), _quarter_start(period))


class kinderbijslag_eerste_kwartaal(Regel):
    value_type = date
    entity = Persoon
    definition_period = DateUnit.ETERNITY
    label = "Eerste dag van het eerste kwartaal met kinderbijslag (kwartaal na de geboorte)"
    label_en = "First day of the first quarter with child benefit (the quarter after birth)"
    reference = f"{AKW}&artikel=11"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        geboren = persoon("geboortedatum", period).astype("datetime64[D]")
        maand = geboren.astype("datetime64[M]")
        kwartaal = (maand.astype(np.int64) // 3 * 3).astype("datetime64[M]").astype("datetime64[D]")
        volgend = add_months(kwartaal, 3)
        return np.where(geboren == kwartaal, geboren, volgend)


class kinderbijslag_kwartaal_na_geboorte(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = (
        "Het kwartaal ligt na het kwartaal van de geboorte"
        " (of het kind is op de eerste dag ervan geboren)"
    )
    label_en = "The quarter is after the quarter of birth (or the child was born on its first day)"
    reference = f"{AKW}&artikel=11"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        eerste = persoon("kinderbijslag_eerste_kwartaal", period)
        return eerste.astype("datetime64[D]") <= _quarter_start(period)


class kinderbijslag_jonger_dan_18(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = (
        "Het kind is een kind van het huishouden en jonger dan 18 op de eerste dag van het kwartaal"
    )
    label_en = "The child is a child of the household and under 18 on the first day of the quarter"
    reference = f"{AKW}&artikel=7"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        grens = parameters(period).kinderbijslag.leeftijd.maximum
        oud = persoon("kinderbijslag_leeftijd_begin_kwartaal", period)
        return persoon.has_role(Huishouden.KIND) & (oud < grens)


class kinderbijslag_per_kind(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Kinderbijslag voor dit kind per kwartaal, naar leeftijd"
    label_en = "Child benefit for this child per quarter, by age"
    reference = f"{AKW}&artikel=12"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).kinderbijslag
        oud = persoon("kinderbijslag_leeftijd_begin_kwartaal", period)
        bedrag = np.select(
            [oud < p.leeftijd.midden, oud < p.leeftijd.hoog],
            [p.bedrag_per_kwartaal.leeftijd_0_tot_6, p.bedrag_per_kwartaal.leeftijd_6_tot_12],
            p.bedrag_per_kwartaal.leeftijd_12_tot_18,
        )
        recht = persoon("kinderbijslag_jonger_dan_18", period) & persoon(
            "kinderbijslag_kwartaal_na_geboorte", period
        )
        return np.where(recht, bedrag, 0.0)


class kinderbijslag_ouder_verzekerd(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Een ouder is verzekerd voor de kinderbijslag (woont in Nederland)"
    label_en = "A parent is insured for child benefit (lives in the Netherlands)"
    reference = f"{AKW}&artikel=7"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        return huishouden.any(
            huishouden.members("woont_in_nederland", period), role=Huishouden.OUDER
        )


class kinderbijslag_aantal_kinderen(Regel):
    value_type = int
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Aantal kinderen met kinderbijslag in het kwartaal"
    label_en = "Number of children with child benefit in the quarter"
    reference = f"{AKW}&artikel=7"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        per_kind = huishouden.members("kinderbijslag_per_kind", period)
        verzekerd = huishouden("kinderbijslag_ouder_verzekerd", period)
        return huishouden.sum(per_kind > 0, role=Huishouden.KIND) * verzekerd


class kinderbijslag(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    label = "Kinderbijslag per kwartaal (voor het kwartaal van deze maand)"
    label_en = "Child benefit per quarter (for the quarter of this month)"
    reference = f"{AKW}&artikel=12"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        per_kind = huishouden.members("kinderbijslag_per_kind", period)
        verzekerd = huishouden("kinderbijslag_ouder_verzekerd", period)
        return np.round(huishouden.sum(per_kind, role=Huishouden.KIND) * verzekerd, 2)


VARIABLES = (
    kinderbijslag_leeftijd_begin_kwartaal,
    kinderbijslag_eerste_kwartaal,
    kinderbijslag_kwartaal_na_geboorte,
    kinderbijslag_jonger_dan_18,
    kinderbijslag_per_kind,
    kinderbijslag_ouder_verzekerd,
    kinderbijslag_aantal_kinderen,
    kinderbijslag,
)
