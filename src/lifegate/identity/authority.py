# SPDX-License-Identifier: EUPL-1.2
"""May someone act for someone else? Authority by law (parents of minors, owners of a company)
or a mandate; every answer carries its basis or the reason for a refusal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from lifegate.demo import services as demo
from lifegate.identity import models
from lifegate.identity.catalog_scopes import scope_catalog
from lifegate.identity.scopes import scope_covers

AGE_OF_MAJORITY = 18
# When several mandates fail, the most telling reason wins.
_REASON_ORDER = (
    "out-of-scope",
    "mandate-not-yet-valid",
    "mandate-expired",
    "mandate-revoked",
    "mandate-not-accepted",
)


@dataclass(frozen=True)
class Decision:
    """ALLOWED or DISALLOWED, with the basis (`self`, `law`, `mandate`) or the reason."""

    allowed: bool
    basis: str | None
    mandate_id: int | None
    reason: str

    @property
    def verdict(self) -> str:
        return "ALLOWED" if self.allowed else "DISALLOWED"


def _allowed(basis: str, reason: str, mandate_id: int | None = None) -> Decision:
    return Decision(True, basis, mandate_id, reason)


def _refused(reason: str) -> Decision:
    return Decision(False, None, None, reason)


def coming_of_age(birth_date: dt.date) -> dt.date:
    """The 18th birthday (someone born on 29 February comes of age on 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + AGE_OF_MAJORITY)
    except ValueError:
        return dt.date(birth_date.year + AGE_OF_MAJORITY, 3, 1)


def _parental(parent_id: int, child_id: int, on: dt.date) -> Decision | None:
    for child in demo.children_with_authority(parent_id):
        if child.person_id != child_id:
            continue
        if child.death_date is not None:
            return _refused("no-authority")
        if on >= coming_of_age(child.birth_date):
            return _refused("of-age")
        return _allowed("law", "parental-authority")
    return None


def mandate_state(mandate: models.Mandate, on: dt.date) -> str:
    """`active`, or why the mandate does not count on that day."""
    if mandate.status == models.Mandate.REVOKED:
        return "mandate-revoked"
    if mandate.status != models.Mandate.ACTIVE:
        return "mandate-not-accepted"
    if on < mandate.valid_from:
        return "mandate-not-yet-valid"
    if on > mandate.valid_until:
        return "mandate-expired"
    return "active"


def _by_mandate(mandates: list[models.Mandate], service: str, on: dt.date) -> Decision:
    reasons: list[str] = []
    for mandate in mandates:
        state = mandate_state(mandate, on)
        if state != "active":
            reasons.append(state)
        elif not scope_covers(mandate.scope, service, scope_catalog):
            reasons.append("out-of-scope")
        else:
            return _allowed("mandate", "mandate", mandate.pk)
    if not reasons:
        return _refused("no-authority")
    return _refused(min(reasons, key=_REASON_ORDER.index))


def may_act_for_person(
    actor_person_id: int, subject_person_id: int, service: str, on: dt.date | None = None
) -> Decision:
    day = on or timezone.localdate()
    if actor_person_id == subject_person_id:
        return _allowed("self", "self")
    parental = _parental(actor_person_id, subject_person_id, day)
    if parental is not None:
        return parental
    mandates = models.Mandate.objects.filter(
        holder_person_id=actor_person_id, grantor_person_id=subject_person_id
    ).order_by("pk")
    return _by_mandate(list(mandates), service, day)


def may_act_for_company(
    actor_person_id: int, kvk_number: str, service: str, on: dt.date | None = None
) -> Decision:
    day = on or timezone.localdate()
    company = demo.find_company(kvk_number)
    if company is None:
        return _refused("unknown-company")
    if company.owner_person_id == actor_person_id:
        return _allowed("law", "owner")
    mandates = models.Mandate.objects.filter(
        holder_person_id=actor_person_id, grantor_kvk_number=kvk_number
    ).order_by("pk")
    return _by_mandate(list(mandates), service, day)
