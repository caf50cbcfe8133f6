# SPDX-License-Identifier: EUPL-1.2
"""`Regel`: an OpenFisca variable with a Dutch `label` and an English `label_en`.

OpenFisca has one `label` and rejects unknown class attributes, so `label_en` is taken off
the class when it is defined and kept in `LABELS_EN` (variable name -> English label).
Every rule must also carry a `reference` to the law; a missing one fails at import.
"""

from __future__ import annotations

from typing import Any

from openfisca_core.variables import Variable

LABELS_EN: dict[str, str] = {}

JCI = "https://wetten.overheid.nl/jci1.3:c:"
AKW = f"{JCI}BWBR0002368"  # Algemene Kinderbijslagwet
AWIR = f"{JCI}BWBR0018472"  # Algemene wet inkomensafhankelijke regelingen
WZT = f"{JCI}BWBR0018451"  # Wet op de zorgtoeslag
ZVW = f"{JCI}BWBR0018450"  # Zorgverzekeringswet
WKB = f"{JCI}BWBR0022751"  # Wet op het kindgebonden budget
AOW = f"{JCI}BWBR0002221"  # Algemene Ouderdomswet
WHT = f"{JCI}BWBR0008659"  # Wet op de huurtoeslag
WSF = f"{JCI}BWBR0011453"  # Wet studiefinanciering 2000
BRP = f"{JCI}BWBR0033715"  # Wet basisregistratie personen


class Regel(Variable):  # type: ignore[misc]  # openfisca has no type stubs
    """Base of every lifegate rule variable (see the module docstring)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        label_en = cls.__dict__.get("label_en")
        if not isinstance(label_en, str) or not label_en:
            raise TypeError(f"rule {cls.__name__} needs an English label (label_en)")
        if not cls.__dict__.get("reference"):
            raise TypeError(f"rule {cls.__name__} needs a reference to the law")
        LABELS_EN[cls.__name__] = label_en
        delattr(cls, "label_en")
