# SPDX-License-Identifier: EUPL-1.2
"""Registry events that open journeys, each with the legal basis that allows it (pure).

Estonia found proactive offers stall without a clear basis per trigger: a trigger with a
basis opens the journey and makes offers at once; one without asks the citizen first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LegalBasis:
    law_nl: str
    law_en: str
    reference: str

    def text(self, language: str) -> str:
        return self.law_en if language == "en" else self.law_nl


@dataclass(frozen=True)
class Trigger:
    type: str  # the registry event, e.g. "person.born"
    event: str  # the catalog's life event id
    basis: LegalBasis | None  # None: the citizen is asked for consent first
    concerns: str  # "related" (parents of a newborn, children of the deceased) or "subject"
    needs_children: bool = False


_AKW = LegalBasis(
    "Algemene Kinderbijslagwet, artikel 14; Wet basisregistratie personen, artikel 3.3",
    "General Child Benefit Act, article 14; Personal Records Database Act, article 3.3",
    "https://wetten.overheid.nl/BWBR0002368",
)
_BRP = LegalBasis(
    "Wet basisregistratie personen, artikel 3.3 (afnemers krijgen wijzigingen)",
    "Personal Records Database Act, article 3.3 (users receive changes)",
    "https://wetten.overheid.nl/BWBR0033715",
)
_AOW = LegalBasis(
    "Algemene Ouderdomswet, artikel 16",
    "General Old Age Pensions Act, article 16",
    "https://wetten.overheid.nl/BWBR0002221",
)

TRIGGERS: dict[str, Trigger] = {
    t.type: t
    for t in (
        Trigger("person.born", "birth", _AKW, "related", needs_children=True),
        Trigger("person.moved-in", "moving-to-nl", _BRP, "subject", needs_children=True),
        # No law lets the government start a turning-18 check by itself: ask first.
        Trigger("person.turns-18", "turning-18", None, "subject"),
        Trigger("person.reaches-pension-age", "retirement", _AOW, "subject"),
        Trigger("person.died", "death-of-relative", _BRP, "related"),
    )
}


def trigger(event_type: str) -> Trigger:
    """The trigger of a registry event type; `KeyError` for an unknown one."""
    return TRIGGERS[event_type]


# Someone arriving from abroad is in no register yet, so no registry event can start their
# journey: they start it themselves (their own request), and it makes no offers until the
# municipality has registered them (then `person.moved-in` follows).
ARRIVAL = "citizen.moving-in"
MOVED_IN = "person.moved-in"  # the registration: an arrival journey goes on under it
ARRIVAL_EVENT = "moving-to-nl"
