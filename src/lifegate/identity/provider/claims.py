# SPDX-License-Identifier: EUPL-1.2
"""What the demo eID provider asserts about a persona: Dutch eID claims or the eIDAS minimum
data set (family name, given names, date of birth, persistent identifier)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from lifegate.config.secrets import load_or_create_secret
from lifegate.demo import services as demo
from lifegate.identity import loa

NATIONAL = "nl"
EIDAS = "eidas"


@dataclass(frozen=True)
class PersonaChoice:
    """One button on the persona picker: a person and the eID scheme they sign in with."""

    value: str
    scheme: str
    label: str
    persona: str


def _subject(scheme: str, identifier: str) -> str:
    # A pseudonym per scheme: the `sub` never carries the BSN or the foreign identifier itself.
    key = load_or_create_secret(settings.HOME, "demo-eid-subject-key").encode()
    return hmac.new(key, f"{scheme}:{identifier}".encode(), hashlib.sha256).hexdigest()[:40]


def choices() -> list[PersonaChoice]:
    """Dutch personas sign in with their BSN; foreign ones with their country's identifier."""
    found: list[PersonaChoice] = []
    for facts in demo.personas():
        person = facts.person
        if person.death_date is not None:
            continue  # the dead do not sign in
        label = f"{person.given_names} {person.family_name}"
        if person.foreign_id:
            found.append(PersonaChoice(f"{EIDAS}:{person.person_id}", EIDAS, label, facts.persona))
        elif person.bsn:
            found.append(
                PersonaChoice(f"{NATIONAL}:{person.person_id}", NATIONAL, label, facts.persona)
            )
    return found


def claims_for(choice_value: str, level: str) -> dict[str, Any] | None:
    """The claims for a picked persona at a level, or None when the choice is not offered."""
    scheme, _, person_id = choice_value.partition(":")
    if level not in loa.LEVELS or not person_id.isdigit():
        return None
    facts = demo.identity_facts(int(person_id))
    if facts is None or not facts.persona or facts.person.death_date is not None:
        return None  # only personas can be picked; the rest of the population stays out
    person = facts.person
    common = {
        "acr": loa.URIS[level],
        "given_name": person.given_names,
        "family_name": person.family_name,
        "birthdate": person.birth_date.isoformat(),
    }
    if scheme == EIDAS and person.foreign_id:
        identifier = person.foreign_id
        return {"sub": _subject(EIDAS, identifier), "eidas_person_identifier": identifier, **common}
    if scheme == NATIONAL and person.bsn:
        return {"sub": _subject(NATIONAL, person.bsn), "bsn": person.bsn, **common}
    return None
