# SPDX-License-Identifier: EUPL-1.2
"""Mandates: grant, accept, decline, revoke, list; expiry notices; the persona mandates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lifegate.demo import services as demo
from lifegate.identity import models
from lifegate.identity.authority import mandate_state
from lifegate.identity.catalog_scopes import scope_catalog
from lifegate.identity.scopes import grantable
from lifegate.identity.session import Actor, Party


class MandateError(Exception):
    """A mandate action that is not allowed; `reason` is a stable code the portal explains."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MandateView:
    mandate_id: int
    grantor: Party
    holder: Party
    scope: str
    valid_from: dt.date
    valid_until: dt.date
    status: str
    state: str  # "active" or the reason it does not count today


def _person_party(person_id: int) -> Party:
    person = demo.find_person(person_id)
    label = f"{person.given_names} {person.family_name}" if person else str(person_id)
    return Party("person", str(person_id), label)


def _grantor_party(mandate: models.Mandate) -> Party:
    if mandate.grantor_kvk_number:
        company = demo.find_company(mandate.grantor_kvk_number)
        label = company.name if company else mandate.grantor_kvk_number
        return Party("company", mandate.grantor_kvk_number, label)
    return _person_party(int(mandate.grantor_person_id or 0))


def view(mandate: models.Mandate, today: dt.date | None = None) -> MandateView:
    return MandateView(
        mandate.pk,
        _grantor_party(mandate),
        _person_party(mandate.holder_person_id),
        mandate.scope,
        mandate.valid_from,
        mandate.valid_until,
        mandate.status,
        mandate_state(mandate, today or timezone.localdate()),
    )


def record_action(actor: Actor, action: str, **detail: object) -> None:
    """Keep an action under both the actor and the subject (ids only, no names)."""
    models.ActionRecord.objects.create(
        action=action,
        actor_kind=actor.actor.kind,
        actor_ref=actor.actor.ref,
        subject_kind=actor.subject.kind,
        subject_ref=actor.subject.ref,
        basis=actor.basis,
        mandate_id=actor.mandate_id,
        detail={k: str(v) for k, v in detail.items()},
    )


def _check_grant(grantor: Party, holder_id: int, scope: str, start: dt.date, end: dt.date) -> None:
    if not grantable(scope, scope_catalog(), for_company=grantor.kind == "company"):
        raise MandateError("scope")  # a theme, service or event the catalog does not offer
    if end < start or end < timezone.localdate():
        raise MandateError("dates")
    if grantor.kind == "person" and grantor.ref == str(holder_id):
        raise MandateError("self")


def grant(
    actor: Actor,
    *,
    holder_bsn: str,
    holder_family_name: str,
    scope: str,
    start: dt.date,
    end: dt.date,
) -> MandateView:
    """The acting party (a person, or a company its owner acts for) offers a mandate.

    The holder is named by BSN and family name together, so a typo cannot reach a stranger and
    the form cannot be used to look up whose BSN is whose.
    """
    holder = demo.find_person_by_bsn(holder_bsn.strip())
    if holder is None or holder.family_name.casefold() != holder_family_name.strip().casefold():
        raise MandateError("holder")
    grantor = actor.subject
    if grantor.kind not in {"person", "company"} or actor.basis == "mandate":
        raise MandateError("grantor")  # a mandate holder cannot pass the mandate on
    _check_grant(grantor, holder.person_id, scope, start, end)
    mandate = models.Mandate.objects.create(
        grantor_person_id=int(grantor.ref) if grantor.kind == "person" else None,
        grantor_kvk_number=grantor.ref if grantor.kind == "company" else "",
        holder_person_id=holder.person_id,
        scope=scope,
        valid_from=start,
        valid_until=end,
    )
    record_action(actor, "mandate.granted", mandate=mandate.pk, scope=scope)
    return view(mandate)


def _held(mandate_id: int, holder_person_id: int) -> models.Mandate:
    mandate = models.Mandate.objects.filter(
        pk=mandate_id, holder_person_id=holder_person_id
    ).first()
    if mandate is None:
        raise MandateError("not-found")
    return mandate


def answer(actor: Actor, mandate_id: int, accept: bool) -> MandateView:
    """The holder accepts (it becomes active) or declines an offered mandate."""
    mandate = _held(mandate_id, int(actor.actor.ref))
    if mandate.status != models.Mandate.OFFERED:
        raise MandateError("not-offered")
    mandate.status = models.Mandate.ACTIVE if accept else models.Mandate.DECLINED
    mandate.accepted_at = timezone.now() if accept else None
    mandate.save(update_fields=["status", "accepted_at"])
    record_action(actor, "mandate.accepted" if accept else "mandate.declined", mandate=mandate.pk)
    if accept:
        from lifegate.identity.tasks import schedule_notice  # noqa: PLC0415 - tasks import us

        schedule_notice(mandate.valid_until)
    return view(mandate)


def _may_revoke(actor: Actor, mandate: models.Mandate) -> bool:
    if actor.actor.kind == "person" and actor.actor.ref == str(mandate.holder_person_id):
        return True  # the holder may always give a mandate back
    grantor = _grantor_party(mandate)
    same = (actor.subject.kind, actor.subject.ref) == (grantor.kind, grantor.ref)
    return same and actor.basis in {"self", "law"}


def revoke(actor: Actor, mandate_id: int) -> MandateView:
    mandate = models.Mandate.objects.filter(pk=mandate_id).first()
    if mandate is None or not _may_revoke(actor, mandate):
        raise MandateError("not-found")
    if mandate.status in {models.Mandate.REVOKED, models.Mandate.DECLINED}:
        raise MandateError("already-ended")
    mandate.status = models.Mandate.REVOKED
    mandate.revoked_at = timezone.now()
    mandate.save(update_fields=["status", "revoked_at"])
    record_action(actor, "mandate.revoked", mandate=mandate.pk)
    return view(mandate)


def granted_by(party: Party) -> list[MandateView]:
    if party.kind == "company":
        rows = models.Mandate.objects.filter(grantor_kvk_number=party.ref)
    elif party.kind == "person":
        rows = models.Mandate.objects.filter(grantor_person_id=int(party.ref))
    else:
        return []
    return [view(m) for m in rows.order_by("-pk")]


def held_by(person_id: int) -> list[MandateView]:
    rows = models.Mandate.objects.filter(holder_person_id=person_id).order_by("-pk")
    return [view(m) for m in rows]


def seed_persona_mandates() -> int:
    """Turn the population's mandate seeds into active mandates; running again changes nothing."""
    created = 0
    with transaction.atomic():
        for seed in demo.mandate_seeds():
            grantor = seed.grantor_kvk_number or f"p{seed.grantor_person_id}"
            key = f"seed:{grantor}:{seed.holder_person_id}:{seed.scope}"
            _mandate, made = models.Mandate.objects.get_or_create(
                seed_key=key,
                defaults={
                    "grantor_person_id": seed.grantor_person_id,
                    "grantor_kvk_number": seed.grantor_kvk_number,
                    "holder_person_id": seed.holder_person_id,
                    "scope": seed.scope,
                    "valid_from": seed.valid_from,
                    "valid_until": seed.valid_until,
                    "status": models.Mandate.ACTIVE,
                    "accepted_at": timezone.now(),
                },
            )
            created += int(made)
    return created
