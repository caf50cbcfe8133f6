# SPDX-License-Identifier: EUPL-1.2
"""What a mandate may cover. Pure: no Django, no IO.

A scope names the services (catalog ids) it covers; `*` covers every service. Scopes for
companies can only be granted by a company.
"""

from __future__ import annotations

from dataclasses import dataclass

ANY_SERVICE = "*"


@dataclass(frozen=True)
class Scope:
    key: str
    label_nl: str
    label_en: str
    services: frozenset[str]
    for_company: bool = False

    def covers(self, service: str) -> bool:
        return service == ANY_SERVICE or ANY_SERVICE in self.services or service in self.services

    def label(self, language: str) -> str:
        return self.label_nl if language == "nl" else self.label_en


SCOPES: dict[str, Scope] = {
    s.key: s
    for s in (
        Scope(
            "care-and-allowances",
            "Zorg en toeslagen",
            "Care and allowances",
            frozenset(
                {
                    "zorgtoeslag",
                    "huurtoeslag",
                    "kindgebonden-budget",
                    "kinderopvangtoeslag",
                    "kinderbijslag",
                    "aow",
                    "wmo",
                    "zorgverzekering",
                    "messagebox",  # reading and answering the grantor's messages
                }
            ),
        ),
        Scope(
            "taxes",
            "Belastingen",
            "Taxes",
            frozenset({"inkomstenbelasting", "gemeentelijke-belastingen"}),
        ),
        Scope("all", "Alle diensten", "All services", frozenset({ANY_SERVICE})),
        Scope(
            "company-all",
            "Alle diensten voor het bedrijf",
            "All services for the company",
            frozenset({ANY_SERVICE}),
            for_company=True,
        ),
    )
}


def scope_covers(scope_key: str, service: str) -> bool:
    scope = SCOPES.get(scope_key)
    return scope is not None and scope.covers(service)
