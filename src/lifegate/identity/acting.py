# SPDX-License-Identifier: EUPL-1.2
"""Acting for someone else: the options a citizen has, the switch, and `current_actor`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.http import HttpRequest
from django.utils import timezone

from lifegate.demo import services as demo
from lifegate.identity import authority, models
from lifegate.identity import session as identity_session
from lifegate.identity.session import Actor, Citizen, Party


@dataclass(frozen=True)
class ActingOption:
    party: Party
    basis: str
    mandate_id: int | None
    scope: str

    @property
    def value(self) -> str:
        return f"{self.party.kind}:{self.party.ref}"


def _children(person_id: int) -> list[ActingOption]:
    today = timezone.localdate()
    return [
        ActingOption(
            Party("person", str(c.person_id), f"{c.given_names} {c.family_name}"),
            "law",
            None,
            "all",
        )
        for c in demo.children_with_authority(person_id)
        if c.death_date is None and today < authority.coming_of_age(c.birth_date)
    ]


def _companies(person_id: int) -> list[ActingOption]:
    return [
        ActingOption(Party("company", c.kvk_number, c.name), "law", None, "company-all")
        for c in demo.companies_owned_by(person_id)
    ]


def _mandated(person_id: int) -> list[ActingOption]:
    from lifegate.identity.mandates import view  # noqa: PLC0415 - mandates imports session

    options = []
    for mandate in models.Mandate.objects.filter(holder_person_id=person_id).order_by("pk"):
        shown = view(mandate)
        if shown.state == "active":
            options.append(ActingOption(shown.grantor, "mandate", mandate.pk, mandate.scope))
    return options


def acting_options(citizen: Citizen) -> list[ActingOption]:
    """Everyone this citizen may act for today, besides themselves."""
    if citizen.person_id is None:
        return []
    person_id = citizen.person_id
    return _children(person_id) + _companies(person_id) + _mandated(person_id)


def switch(request: HttpRequest, value: str) -> ActingOption | None:
    """Act for the option named `value` ("" or unknown: act for yourself again)."""
    signed_in = identity_session.citizen(request)
    request.session.pop(identity_session.ACTING_FOR, None)
    if signed_in is None:
        return None
    for option in acting_options(signed_in):
        if option.value == value:
            request.session[identity_session.ACTING_FOR] = {
                "party": asdict(option.party),
                "basis": option.basis,
                "mandate_id": option.mandate_id,
            }
            return option
    return None


def _still_allowed(signed_in: Citizen, subject: Party) -> bool:
    if signed_in.person_id is None:
        return False
    if subject.kind == "company":
        decision = authority.may_act_for_company(signed_in.person_id, subject.ref, "*")
    else:
        decision = authority.may_act_for_person(signed_in.person_id, int(subject.ref), "*")
    return decision.allowed


def current_actor(request: HttpRequest) -> Actor | None:
    """Who acts and for whom, re-checked on every call (a revoked mandate stops at once)."""
    signed_in = identity_session.citizen(request)
    if signed_in is None:
        return None
    me = identity_session.self_party(signed_in)
    acting = request.session.get(identity_session.ACTING_FOR)
    if acting:
        subject = Party(**acting["party"])
        if _still_allowed(signed_in, subject):
            return Actor(me, subject, acting["basis"], acting["mandate_id"], signed_in.loa)
        request.session.pop(identity_session.ACTING_FOR, None)
    return Actor(me, me, "self", None, signed_in.loa)
