# SPDX-License-Identifier: EUPL-1.2
"""The signed-in citizen in the session, the level of assurance, and who acts for whom."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.middleware.csrf import rotate_token
from django.urls import reverse

from lifegate.identity import loa

CITIZEN = "identity.citizen"
ACTING_FOR = "identity.acting_for"
SIGNED_IN_AT = "identity.signed_in_at"
LAST_SEEN = "identity.last_seen"
ID_TOKEN = "identity.id_token"  # noqa: S105 - the name of a session key, not a secret


@dataclass(frozen=True)
class Citizen:
    """A signed-in person, as the eID provider and the registry match described them."""

    scheme: str  # "nl" (BSN) or "eidas" (foreign eID)
    person_id: int | None  # registry person; None for a foreign citizen not yet registered
    registered: bool
    given_name: str
    family_name: str
    birthdate: str
    loa: str
    foreign_identity_id: int | None = None

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True)
class Party:
    """Someone an action is done by or for: a person, a company, or a foreign identity."""

    kind: str  # "person" | "company" | "foreign"
    ref: str
    label: str


@dataclass(frozen=True)
class Actor:
    """Who acts (`actor`) and for whom (`subject`), and on what basis: record both."""

    actor: Party
    subject: Party
    basis: str  # "self" | "law" | "mandate"
    mandate_id: int | None
    loa: str

    @property
    def for_someone_else(self) -> bool:
        return self.actor != self.subject


class StepUpRequiredError(Exception):
    """The session's level of assurance is below what a service needs."""

    def __init__(self, level: str) -> None:
        super().__init__(f"level of assurance {level} required")
        self.level = level


def sign_in_url(request: HttpRequest, level: str = "") -> str:
    query = {"next": request.get_full_path()}
    if level:
        query["loa"] = level
    return f"{reverse('identity:sign-in')}?{urlencode(query)}"


def start(request: HttpRequest, citizen: Citizen, id_token: str) -> None:
    """Begin the signed-in session under a new session id (ASVS 3.2.1) and a new CSRF token."""
    request.session.flush()
    rotate_token(request)
    now = int(time.time())
    request.session[CITIZEN] = asdict(citizen)
    request.session[ID_TOKEN] = id_token
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def mark_official_sign_in(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def citizen(request: HttpRequest) -> Citizen | None:
    data: dict[str, Any] | None = request.session.get(CITIZEN)
    return None if data is None else Citizen(**data)


def require_loa(request: HttpRequest, level: str) -> Citizen:
    """The signed-in citizen, if their level of assurance is at least `level`.

    Raises `StepUpRequiredError`; the identity middleware answers it with a redirect to sign in
    again at that level, returning to the same page afterwards.
    """
    if level not in loa.LEVELS:
        raise ValueError(f"unknown level of assurance {level!r}; use one of {loa.LEVELS}")
    signed_in = citizen(request)
    if signed_in is None or not loa.at_least(signed_in.loa, level):
        raise StepUpRequiredError(level)
    return signed_in


def self_party(signed_in: Citizen) -> Party:
    if signed_in.person_id is not None:
        return Party("person", str(signed_in.person_id), signed_in.name)
    return Party("foreign", str(signed_in.foreign_identity_id), signed_in.name)
