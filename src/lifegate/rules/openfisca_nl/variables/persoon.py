# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""Facts about persons and households that the rules read (inputs) and derive from them."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from openfisca_core.holders import set_input_dispatch_by_period
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.dates import age_on, as_day
from lifegate.rules.openfisca_nl.entities import Huishouden, Persoon
from lifegate.rules.openfisca_nl.variables.base import AKW, AWIR, BRP, WHT, WSF, ZVW, Regel


class geboortedatum(Regel):
    value_type = date
    entity = Persoon
    definition_period = DateUnit.ETERNITY
    label = "Geboortedatum"
    label_en = "Date of birth"
    reference = f"{BRP}&artikel=2.7"


class jaarinkomen(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.YEAR
    label = "Toetsingsinkomen van het jaar (verwacht)"
    label_en = "Assessment income of the year (expected)"
    reference = f"{AWIR}&artikel=8"
    unit = "currency-EUR"


class vermogen(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.YEAR
    label = "Vermogen op 1 januari"
    label_en = "Assets on 1 January"
    reference = f"{AWIR}&artikel=7"
    unit = "currency-EUR"


class zorgverzekerd(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    set_input = set_input_dispatch_by_period
    label = "Heeft een Nederlandse zorgverzekering"
    label_en = "Has Dutch health insurance"
    reference = f"{ZVW}&artikel=2"


class woont_in_nederland(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    set_input = set_input_dispatch_by_period
    label = "Woont in Nederland (verzekerd voor de volksverzekeringen)"
    label_en = "Lives in the Netherlands (insured under the national insurance schemes)"
    reference = f"{AKW}&artikel=6"


class ingeschreven_hoger_onderwijs(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    set_input = set_input_dispatch_by_period
    label = "Ingeschreven voor een opleiding in het hoger onderwijs"
    label_en = "Enrolled in higher education"
    reference = f"{WSF}&artikel=2.9"


class woont_bij_ouders(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    set_input = set_input_dispatch_by_period
    label = "Woont op hetzelfde adres als een ouder"
    label_en = "Lives at the same address as a parent"
    reference = f"{WSF}&artikel=3.18"


class huurwoning(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.MONTH
    set_input = set_input_dispatch_by_period
    label = "Woont in een huurwoning"
    label_en = "Lives in a rented home"
    reference = f"{WHT}&artikel=1"


class huur(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.MONTH
    set_input = set_input_dispatch_by_period
    label = "Rekenhuur per maand"
    label_en = "Rent per month (as counted for the allowance)"
    reference = f"{WHT}&artikel=5"
    unit = "currency-EUR"


class leeftijd(Regel):
    value_type = int
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Leeftijd op de eerste dag van de maand"
    label_en = "Age on the first day of the month"
    reference = f"{BRP}&artikel=2.7"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        start = as_day(period.start.date)
        return age_on(persoon("geboortedatum", period), start)


class is_ouder(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.ETERNITY
    label = "Is aanvrager of toeslagpartner in het huishouden (geen kind)"
    label_en = "Is the applicant or allowance partner in the household (not a child)"
    reference = f"{AWIR}&artikel=3"

    def formula(persoon: Any, _period: Any, _parameters: Any) -> Any:
        return persoon.has_role(Huishouden.OUDER)


class heeft_toeslagpartner(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.ETERNITY
    label = "Heeft een toeslagpartner"
    label_en = "Has an allowance partner"
    reference = f"{AWIR}&artikel=3"

    def formula(persoon: Any, _period: Any, _parameters: Any) -> Any:
        ouders = persoon.huishouden.nb_persons(Huishouden.OUDER)
        return persoon.has_role(Huishouden.OUDER) & (ouders == 2)


class toetsingsinkomen(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.YEAR
    label = "Toetsingsinkomen, samen met de toeslagpartner"
    label_en = "Assessment income, together with the allowance partner"
    reference = f"{AWIR}&artikel=8"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        eigen = persoon("jaarinkomen", period)
        samen = persoon.huishouden.sum(
            persoon.huishouden.members("jaarinkomen", period), role=Huishouden.OUDER
        )
        return np.where(persoon.has_role(Huishouden.OUDER), samen, eigen)


class gezamenlijk_vermogen(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.YEAR
    label = "Vermogen, samen met de toeslagpartner"
    label_en = "Assets, together with the allowance partner"
    reference = f"{AWIR}&artikel=7"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, _parameters: Any) -> Any:
        eigen = persoon("vermogen", period)
        samen = persoon.huishouden.sum(
            persoon.huishouden.members("vermogen", period), role=Huishouden.OUDER
        )
        return np.where(persoon.has_role(Huishouden.OUDER), samen, eigen)


class huishoudinkomen(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.YEAR
    label = "Toetsingsinkomen van de ouders samen"
    label_en = "Assessment income of the parents together"
    reference = f"{AWIR}&artikel=8"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        return huishouden.sum(huishouden.members("jaarinkomen", period), role=Huishouden.OUDER)


class huishoudvermogen(Regel):
    value_type = float
    entity = Huishouden
    definition_period = DateUnit.YEAR
    label = "Vermogen van de ouders samen"
    label_en = "Assets of the parents together"
    reference = f"{AWIR}&artikel=7"
    unit = "currency-EUR"

    def formula(huishouden: Any, period: Any, _parameters: Any) -> Any:
        return huishouden.sum(huishouden.members("vermogen", period), role=Huishouden.OUDER)


class alleenstaande_ouder(Regel):
    value_type = bool
    entity = Huishouden
    definition_period = DateUnit.ETERNITY
    label = "Het huishouden heeft één ouder (geen toeslagpartner)"
    label_en = "The household has one parent (no allowance partner)"
    reference = f"{AWIR}&artikel=3"

    def formula(huishouden: Any, _period: Any, _parameters: Any) -> Any:
        return huishouden.nb_persons(Huishouden.OUDER) == 1


VARIABLES = (
    geboortedatum,
    jaarinkomen,
    vermogen,
    zorgverzekerd,
    woont_in_nederland,
    ingeschreven_hoger_onderwijs,
    woont_bij_ouders,
    huurwoning,
    huur,
    leeftijd,
    is_ouder,
    heeft_toeslagpartner,
    toetsingsinkomen,
    gezamenlijk_vermogen,
    huishoudinkomen,
    huishoudvermogen,
    alleenstaande_ouder,
)
