# SPDX-License-Identifier: EUPL-1.2
"""Levels of assurance (eIDAS Regulation 910/2014, art. 8) as the NL GOV OIDC profile writes them.

Pure: no Django, no IO.
"""

from __future__ import annotations

LEVELS: tuple[str, ...] = ("low", "substantial", "high")
URIS: dict[str, str] = {level: f"http://eidas.europa.eu/LoA/{level}" for level in LEVELS}
_LEVEL_OF_URI = {uri: level for level, uri in URIS.items()}


def level_of(acr: str) -> str | None:
    """The level an `acr` value stands for, or None when it is no eIDAS LoA URI."""
    return _LEVEL_OF_URI.get(acr)


def at_least(level: str, minimum: str) -> bool:
    """Whether `level` meets `minimum` (`high` meets everything, `low` only `low`)."""
    return LEVELS.index(level) >= LEVELS.index(minimum)


def levels_from(minimum: str) -> tuple[str, ...]:
    return LEVELS[LEVELS.index(minimum) :]
