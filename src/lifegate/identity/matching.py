# SPDX-License-Identifier: EUPL-1.2
"""From verified claims to a citizen: a registry person by BSN, or a foreign identity matched
to the registry only by its persistent identifier (never by name and birth date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lifegate.demo import services as demo
from lifegate.identity import models, rp
from lifegate.identity.session import Citizen


def _national(claims: dict[str, Any]) -> Citizen:
    person = demo.find_person_by_bsn(str(claims["bsn"]))
    if person is None:
        raise rp.SignInRefusedError("not-in-registry")
    return Citizen(
        scheme="nl",
        person_id=person.person_id,
        registered=True,
        given_name=person.given_names,
        family_name=person.family_name,
        birthdate=person.birth_date.isoformat(),
        loa=claims["loa"],
    )


def _birth_date(claims: dict[str, Any]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(claims.get("birthdate", "")))
    except ValueError as error:
        raise rp.SignInRefusedError("minimum-data-set") from error


def match_foreign(claims: dict[str, Any]) -> Citizen:
    """Record the eIDAS minimum data set and link a registry person with that identifier."""
    identifier = str(claims["eidas_person_identifier"])
    family, given = str(claims.get("family_name", "")), str(claims.get("given_name", ""))
    if not family or not given:
        raise rp.SignInRefusedError("minimum-data-set")
    born = _birth_date(claims)
    facts = None
    person = demo.find_person_by_foreign_id(identifier)
    if person is not None:
        facts = demo.identity_facts(person.person_id)
    registered = facts is not None and facts.registered_in_brp
    person_id = person.person_id if registered and person is not None else None
    record, _created = models.ForeignIdentity.objects.update_or_create(
        person_identifier=identifier,
        defaults={
            "family_name": family,
            "given_names": given,
            "birth_date": born,
            "person_id": person_id,
        },
    )
    return Citizen(
        scheme="eidas",
        person_id=person_id,
        registered=registered,
        given_name=given,
        family_name=family,
        birthdate=born.isoformat(),
        loa=claims["loa"],
        foreign_identity_id=record.pk,
    )


def citizen_from_claims(claims: dict[str, Any]) -> Citizen:
    if claims.get("bsn"):
        return _national(claims)
    if claims.get("eidas_person_identifier"):
        return match_foreign(claims)
    raise rp.SignInRefusedError("identifier")
