# SPDX-License-Identifier: EUPL-1.2
"""Claim sources: what each credential type says about a person, read from the base
registries through the exchange, each under its issuer's own processing activity, so every
credential a citizen asks for shows up on their "Who used my data" page.

Identity lookups (person id -> BSN) use the demo block's door, as sign-in does; personal
data itself is read only through `lifegate.exchange.services.read_person_data`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from lifegate.catalog import services as catalog
from lifegate.demo import services as population
from lifegate.exchange import services as exchange

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
_NAMES = ("persons.givenNames", "persons.familyName", "persons.birthDate")
_LIVING = ("persons.registered", "persons.deathDate")
_ADDRESS = ("addresses.street", "addresses.houseNumber", "addresses.postcode", "addresses.city")

DIPLOMA_ACTIVITY = "duo-diploma-credential"
PID_ACTIVITY = "rvig-pid-credential"
MUNICIPALITY_ACTIVITY = "rvig-credential-municipality"


def municipal_activity(organisation: str, credential: str) -> str:
    """The municipality's own activity for a credential: `groningen-residence-credential`."""
    return f"{organisation.removeprefix('gemeente-')}-{credential}-credential"


@dataclass(frozen=True)
class SourcedClaims:
    """The claims of one credential for one person, and who issues them."""

    organisation: str
    claims: dict[str, Any]
    label: str


def _bsn(person_id: int) -> str:
    """Who the signed-in person is in the registries (an identity lookup, not a data read)."""
    person = population.find_person(person_id)
    return "" if person is None else person.bsn


def _read(
    organisation: str, activity: str, person_id: int, fields: tuple[str, ...]
) -> exchange.Released | None:
    """The fields through the exchange (logged), or None if there is nothing to release."""
    bsn = _bsn(person_id)
    if not bsn:
        return None
    try:
        return exchange.read_person_data(
            exchange.Requester(organisation, actor=f"person:{person_id}"),
            activity,
            exchange.Subject.bsn(bsn),
            fields,
        )
    except exchange.RefusedError:  # logged by the exchange; nothing to issue
        return None


def _living(read: exchange.Released | None) -> exchange.Released | None:
    alive = read is not None and read.value("persons.deathDate") is None
    return read if alive and read is not None and read.value("persons.registered") else None


def _names(read: exchange.Released) -> dict[str, Any]:
    return {
        "family_name": read.value("persons.familyName"),
        "given_name": read.value("persons.givenNames"),
        "birthdate": read.value("persons.birthDate"),
    }


def _address(read: exchange.Released) -> dict[str, Any] | None:
    if "addresses" not in read.data:
        return None
    return {
        "street_address": read.value("addresses.street"),
        "house_number": str(read.value("addresses.houseNumber")),
        "postal_code": read.value("addresses.postcode"),
        "locality": read.value("addresses.city"),
        "country": "NL",
    }


def _municipality(person_id: int) -> catalog.OrganisationSummary | None:
    """The municipality the person is registered in, which issues their municipal credentials."""
    read = _read("rvig", MUNICIPALITY_ACTIVITY, person_id, ("persons.municipalityCode",))
    code = "" if read is None else read.value("persons.municipalityCode")
    found = [o for o in catalog.list_organisations("nl") if o.municipality_code == code]
    return found[0] if code and found else None


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def pid(person_id: int, today: dt.date) -> SourcedClaims | None:
    fields = (*_NAMES, "persons.nationality", *_LIVING, *_ADDRESS)
    read = _living(_read("rvig", PID_ACTIVITY, person_id, fields))
    if read is None:
        return None
    born = dt.date.fromisoformat(read.value("persons.birthDate"))
    claims = _names(read) | {
        "nationalities": [read.value("persons.nationality")],
        "age_equal_or_over": {"18": _age(born, today) >= 18},
        "personal_administrative_number": _bsn(person_id),
        "issuing_authority": "RvIG",
        "issuing_country": "NL",
    }
    address = _address(read)
    if address is not None:
        claims["address"] = address
    return SourcedClaims("rvig", claims, f"{claims['given_name']} {claims['family_name']}")


def diploma(person_id: int, _today: dt.date) -> SourcedClaims | None:
    fields = (*_NAMES, "diplomas.level", "diplomas.programme", "diplomas.institution")
    read = _read("duo", DIPLOMA_ACTIVITY, person_id, (*fields, "diplomas.awardedOn"))
    levels = [] if read is None else list(read.value("diplomas.level") or [])
    level = next((lv for lv in _LEVELS if lv in levels), None)
    if read is None or level is None or "persons" not in read.data:
        return None
    at = levels.index(level)
    degree, eqf = _DEGREES[level]
    programme, institution = (read.value(f)[at] for f in fields[-2:])
    claims = _names(read) | {
        "degree": degree,
        "programme": programme,
        "institution": institution,
        "awarded_on": read.value("diplomas.awardedOn")[at],
        "eqf_level": eqf,
    }
    return SourcedClaims("duo", claims, f"{degree} {programme}, {institution}")


def residence(person_id: int, _today: dt.date) -> SourcedClaims | None:
    municipality = _municipality(person_id)
    if municipality is None:
        return None
    fields = (*_NAMES, *_LIVING, "persons.municipalityCode", *_ADDRESS)
    activity = municipal_activity(municipality.identifier, "residence")
    read = _living(_read(municipality.identifier, activity, person_id, fields))
    address = None if read is None else _address(read)
    if read is None or address is None:
        return None
    claims = _names(read) | {
        "address": address,
        "municipality": municipality.name,
        "municipality_code": read.value("persons.municipalityCode"),
    }
    label = f"{address['street_address']} {address['house_number']}, {address['locality']}"
    return SourcedClaims(municipality.identifier, claims, label)


def birth_certificate(person_id: int, _today: dt.date) -> SourcedClaims | None:
    """Without the parents: the persons registry has no field naming a person's parents yet."""
    municipality = _municipality(person_id)
    if municipality is None:
        return None
    fields = (*_NAMES, "persons.sex", *_LIVING, "persons.municipalityCode")
    activity = municipal_activity(municipality.identifier, "birth-certificate")
    read = _living(_read(municipality.identifier, activity, person_id, fields))
    if read is None:
        return None
    code = read.value("persons.municipalityCode")
    claims = _names(read) | {
        "sex": _SEX.get(read.value("persons.sex"), "unknown"),
        "municipality": municipality.name,
        "record_number": f"{code}-{person_id:09d}",
    }
    label = f"{claims['given_name']} {claims['family_name']}"
    return SourcedClaims(municipality.identifier, claims, label)
