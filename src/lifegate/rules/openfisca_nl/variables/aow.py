# SPDX-License-Identifier: EUPL-1.2
# ruff: noqa: N801, N805
# OpenFisca style: a variable is a snake_case class named as the law words it (N801), and a
# formula takes its entity as first argument instead of `self` (N805).
"""AOW (state pension, SVB): the pension age and the date the pension starts.

The pension age is fixed per calendar year (AOW art. 7a). A person reaches it on the first
day on which their age is at least the pension age of that day's year. The amount is
illustrative; the offer is "apply", with the date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from openfisca_core.periods import DateUnit

from lifegate.rules.openfisca_nl.dates import add_months, as_day, year_month_day
from lifegate.rules.openfisca_nl.entities import Persoon
from lifegate.rules.openfisca_nl.variables.base import AOW, Regel

_SEARCH_YEARS = 5  # the pension age is 65-70 years: the start falls 0-4 years after turning 65


def pension_months(parameters: Any, year: int) -> int:
    """The AOW pension age in months for `year` (AOW art. 7a)."""
    leeftijd = parameters(f"{year}-01-01").aow.pensioenleeftijd
    return int(leeftijd.jaren) * 12 + int(leeftijd.maanden)


class aow_ingangsdatum(Regel):
    value_type = date
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "Datum waarop de AOW-leeftijd wordt bereikt"
    label_en = "Date on which the state pension age is reached"
    reference = f"{AOW}&artikel=7a"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        geboren = persoon("geboortedatum", period).astype("datetime64[D]")
        jaar65 = year_month_day(geboren)[0] + 65
        gevonden = np.full(geboren.shape, np.datetime64("NaT"), dtype="datetime64[D]")
        for stap in range(_SEARCH_YEARS):
            jaren = jaar65 + stap
            unieke, terug = np.unique(jaren, return_inverse=True)
            maanden = np.array([pension_months(parameters, int(y)) for y in unieke])[terug]
            kandidaat = add_months(geboren, maanden)
            past = (year_month_day(kandidaat)[0] == jaren) & np.isnat(gevonden)
            gevonden = np.where(past, kandidaat, gevonden)
        return gevonden


class aow_binnen_aanvraagtermijn(Regel):
    value_type = bool
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "De AOW-leeftijd is bereikt of wordt bereikt binnen de aanvraagtermijn"
    label_en = "The state pension age has been reached or is reached within the application period"
    reference = f"{AOW}&artikel=16"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        termijn = parameters(period).aow.aanvraagtermijn_maanden
        grens = add_months(np.array([as_day(period.start.date)]), int(termijn))[0]
        return persoon("aow_ingangsdatum", period).astype("datetime64[D]") <= grens


class aow_bruto_per_maand(Regel):
    value_type = float
    entity = Persoon
    definition_period = DateUnit.MONTH
    label = "AOW bruto per maand (illustratief, volledige opbouw)"
    label_en = "State pension gross per month (illustrative, full accrual)"
    reference = f"{AOW}&artikel=9"
    unit = "currency-EUR"

    def formula(persoon: Any, period: Any, parameters: Any) -> Any:
        bedrag = parameters(period).aow.bruto_per_maand
        partner = persoon("heeft_toeslagpartner", period)
        recht = persoon("aow_binnen_aanvraagtermijn", period)
        return np.where(recht, np.where(partner, bedrag.met_partner, bedrag.alleenstaand), 0.0)


VARIABLES = (aow_ingangsdatum, aow_binnen_aanvraagtermijn, aow_bruto_per_maand)
