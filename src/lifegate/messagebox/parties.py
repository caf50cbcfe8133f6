# SPDX-License-Identifier: EUPL-1.2
"""Whose box a message goes to: a person ("person:<id>") or a company ("company:<kvk>").

Recipients are found in the base registries (the demo population) through the demo
block's door, so a person keeps one box when they move from a foreign id to a BSN.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from lifegate.demo import services as registry
from lifegate.messagebox.drafts import Recipient, unknown_recipient


def person(person_id: int) -> str:
    return f"person:{person_id}"


def company(kvk_number: str) -> str:
    return f"company:{kvk_number}"


def recipient_of_person(person_id: int) -> Recipient | None:
    """How an agency addresses a person of the registries: their BSN, else their foreign id;
    None when they are in no registry (so they have no box)."""
    found = registry.find_person(person_id)
    if found is None:
        return None
    if found.bsn:
        return Recipient("bsn", found.bsn)
    return Recipient("foreign-id", found.foreign_id) if found.foreign_id else None


def resolve(recipient: Recipient) -> str:
    """The party of `recipient`; a `ProblemError` naming `recipient.id` when unknown."""
    found = resolve_many([recipient]).get(recipient)
    if found is None:
        raise unknown_recipient(recipient)
    return found


def resolve_many(recipients: Sequence[Recipient]) -> dict[Recipient, str]:
    """Parties of the known recipients among `recipients`, with one query per kind."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for recipient in recipients:
        by_type[recipient.type].append(recipient.id)
    found: dict[Recipient, str] = {}
    if by_type["bsn"]:
        for bsn, person_id in registry.person_ids_by_bsn(by_type["bsn"]).items():
            found[Recipient("bsn", bsn)] = person(person_id)
    if by_type["foreign-id"]:
        for foreign, person_id in registry.person_ids_by_foreign_id(by_type["foreign-id"]).items():
            found[Recipient("foreign-id", foreign)] = person(person_id)
    if by_type["kvk"]:
        for kvk in registry.existing_kvk_numbers(by_type["kvk"]):
            found[Recipient("kvk", kvk)] = company(kvk)
    return found
