# SPDX-License-Identifier: EUPL-1.2
"""The two entities: a person, and the allowance household (toeslaghuishouden).

The household is the unit the Dutch allowances look at: a person, their allowance partner
(toeslagpartner, Awir art. 3) and their children under 18. An adult child living at home
forms a household of their own, as the law treats them.
"""

from __future__ import annotations

from openfisca_core.entities import build_entity

Huishouden = build_entity(
    key="huishouden",
    plural="huishoudens",
    label="Toeslaghuishouden: aanvrager, toeslagpartner en kinderen onder 18",
    doc="The allowance household: a person, their allowance partner and children under 18.",
    roles=[
        {
            "key": "ouder",
            "plural": "ouders",
            "label": "Aanvrager of toeslagpartner (parent / partner)",
            "max": 2,
        },
        {
            "key": "kind",
            "plural": "kinderen",
            "label": "Kind onder 18 (child)",
        },
    ],
)

Persoon = build_entity(
    key="persoon",
    plural="personen",
    label="Persoon (person)",
    doc="A natural person.",
    is_person=True,
)

entities = [Huishouden, Persoon]
