# SPDX-License-Identifier: EUPL-1.2
"""Every rule variable, listed explicitly (no directory scanning, no import side effects)."""

from __future__ import annotations

from openfisca_core.variables import Variable

from lifegate.rules.openfisca_nl.variables import (
    aow,
    huurtoeslag,
    kinderbijslag,
    kindgebonden_budget,
    persoon,
    studiefinanciering,
    zorgtoeslag,
)
from lifegate.rules.openfisca_nl.variables.base import LABELS_EN

ALL_VARIABLES: tuple[type[Variable], ...] = (
    *persoon.VARIABLES,
    *kinderbijslag.VARIABLES,
    *zorgtoeslag.VARIABLES,
    *kindgebonden_budget.VARIABLES,
    *aow.VARIABLES,
    *huurtoeslag.VARIABLES,
    *studiefinanciering.VARIABLES,
)

__all__ = ["ALL_VARIABLES", "LABELS_EN"]
