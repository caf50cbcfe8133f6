# SPDX-License-Identifier: EUPL-1.2
"""Claim sources: what each credential type says about a person, read from the demo base
registries (persons, addresses, parenthood, education).

This is the one adapter that reads the demo block's tables, because the demo block's
door has no reader for diplomas and addresses yet and the `registries` block of DESIGN.md
does not exist; when it does, only this module changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lifegate.catalog import services as catalog
from lifegate.demo import models as demo

# Highest first: a person gets their highest diploma as a credential.
_LEVELS = ("master", "bachelor", "mbo", "vwo", "havo")
_DEGREES = {
    "master": ("Master of Science", 7),
    "bachelor": ("Bachelor of Science", 6),
    "mbo": ("MBO diploma", 4),
    "vwo": ("VWO diploma", 4),
    "havo": ("HAVO diploma", 4),
}
_SEX = {"F": "female", "M": "male"}


@dataclass(frozen=True)
class SourcedClaims:
    """The claims of one credential for one person, and who issues them."""

    organisation: str
    claims: dict[str, Any]
    label: str


def _person(person_id: int) -> demo.Person | None:
    row = demo.Person.objects.select_related("household").filter(person_id=person_id).first()
    if row is None or row.death_date is not None or not row.registered_in_brp:
        return None
    return row


def _names(person: demo.Person) -> dict[str, Any]:
    return {
        "family_name": person.family_name,
        "given_name": person.given_names,
        "birthdate": person.birth_date.isoformat(),
    }


def _address(person: demo.Person) -> dict[str, Any] | None:
    home = person.household
    if home is None:
        return None
    return {
        "street_address": home.street,
        "house_number": str(home.house_number),
        "postal_code": home.postcode,
        "locality": home.city,
        "country": "NL",
    }


def _municipality(code: str) -> catalog.OrganisationSummary | None:
    found = [o for o in catalog.list_organisations("nl") if o.municipality_code == code]
    return found[0] if code and found else None


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def pid(person_id: int, today: dt.date) -> SourcedClaims | None:
    person = _person(person_id)
    if person is None or not person.bsn:
        return None
    claims = _names(person) | {
        "nationalities": [person.nationality],
        "age_equal_or_over": {"18": _age(person.birth_date, today) >= 18},
        "personal_administrative_number": person.bsn,
        "issuing_authority": "RvIG",
        "issuing_country": "NL",
    }
    address = _address(person)
    if address is not None:
        claims["address"] = address
    return SourcedClaims("rvig", claims, f"{person.given_names} {person.family_name}")


def diploma(person_id: int, _today: dt.date) -> SourcedClaims | None:
    person = _person(person_id)
    if person is None:
        return None
    held = {d.level: d for d in demo.Diploma.objects.filter(person_id=person_id)}
    level = next((lv for lv in _LEVELS if lv in held), None)
    if level is None:
        return None
    row, (degree, eqf) = held[level], _DEGREES[level]
    claims = _names(person) | {
        "degree": degree,
        "programme": row.programme,
        "institution": row.institution,
        "awarded_on": row.awarded_on.isoformat(),
        "eqf_level": eqf,
    }
    return SourcedClaims("duo", claims, f"{degree} {row.programme}, {row.institution}")


def residence(person_id: int, _today: dt.date) -> SourcedClaims | None:
    person = _person(person_id)
    address = None if person is None else _address(person)
    municipality = None if person is None else _municipality(person.municipality_code)
    if person is None or address is None or municipality is None:
        return None
    claims = _names(person) | {
        "address": address,
        "municipality": municipality.name,
        "municipality_code": person.municipality_code,
    }
    label = f"{address['street_address']} {address['house_number']}, {address['locality']}"
    return SourcedClaims(municipality.identifier, claims, label)


def birth_certificate(person_id: int, _today: dt.date) -> SourcedClaims | None:
    person = _person(person_id)
    municipality = None if person is None else _municipality(person.municipality_code)
    if person is None or municipality is None:
        return None
    parents = demo.Parenthood.objects.filter(child_id=person_id).select_related("parent")
    claims = _names(person) | {
        "sex": _SEX.get(person.sex, "unknown"),
        "parents": [f"{p.parent.given_names} {p.parent.family_name}" for p in parents],
        "municipality": municipality.name,
        "record_number": f"{person.municipality_code}-{person.person_id:09d}",
    }
    return SourcedClaims(
        municipality.identifier, claims, f"{person.given_names} {person.family_name}"
    )
