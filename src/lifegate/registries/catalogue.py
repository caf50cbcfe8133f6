# SPDX-License-Identifier: EUPL-1.2
"""Which registries exist, who keeps them, how a record is found and which fields it has.

Pure: no Django, no IO. A field is named `registry.field` across the platform, e.g.
`incomes.yearlyIncome`; the registries answer only the fields a request names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Registry:
    name: str
    keeper: str  # organisation id of the keeper (catalog)
    key: str  # how records are found: "bsn" or "kvkNumber"
    fields: tuple[str, ...]
    label: str


REGISTRIES: dict[str, Registry] = {
    r.name: r
    for r in (
        Registry(
            "persons",
            "rvig",
            "bsn",
            (
                "givenNames",
                "familyName",
                "sex",
                "birthDate",
                "deathDate",
                "nationality",
                "municipalityCode",
                "registered",
                "partnerBsn",
                "childrenBsns",
                "householdSize",
            ),
            "Persons and households (BRP)",
        ),
        Registry(
            "addresses",
            "rvig",
            "bsn",
            ("street", "houseNumber", "postcode", "city", "municipalityCode", "rented"),
            "Addresses (BRP)",
        ),
        Registry(
            "incomes",
            "belastingdienst",
            "bsn",
            ("yearlyIncome", "assets", "employmentEndDate"),
            "Income and assets",
        ),
        Registry(
            "insurances", "zorgverzekeraar-demo", "bsn", ("healthInsured",), "Health insurance"
        ),
        Registry(
            "diplomas",
            "duo",
            "bsn",
            ("level", "programme", "institution", "awardedOn"),
            "Diplomas (education registry)",
        ),
        Registry(
            "companies",
            "kvk",
            "kvkNumber",
            ("name", "ownerBsn", "startDate", "municipalityCode", "legalForm"),
            "Companies (Handelsregister)",
        ),
    )
}


class UnknownFieldError(ValueError):
    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


def split_fields(qualified: list[str] | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """`["persons.birthDate", "incomes.assets"]` -> `{"persons": ("birthDate",), ...}`."""
    grouped: dict[str, list[str]] = {}
    unknown = []
    for name in qualified:
        registry, _, field = name.partition(".")
        if registry not in REGISTRIES or field not in REGISTRIES[registry].fields:
            unknown.append(name)
        elif field not in grouped.setdefault(registry, []):
            grouped[registry].append(field)
    if unknown:
        raise UnknownFieldError(unknown)
    return {registry: tuple(fields) for registry, fields in grouped.items()}


def all_fields() -> list[str]:
    return [f"{r.name}.{f}" for r in REGISTRIES.values() for f in r.fields]
