# SPDX-License-Identifier: EUPL-1.2
"""The identity block's door. Other blocks use only what this module exports.

- `current_actor(request)`: who acts, and for whom (log both with every action).
- `require_loa(request, "substantial")`: step-up when the session is below a level.
- `may_act_for_person(...)`, `may_act_for_company(...)`: authority by law or mandate.
- `register_agency_client(...)`: let an agency's system get API tokens (see `auth.AgencyAuth`);
  `client_assertion(client_id, private_key, audience)`: the private_key_jwt an agency's
  system signs to get one; `revoke_client_tokens(client_id)`: refuse its tokens at once;
  `agency_of_request(request)`: the agency whose valid token a request carries, or None.
- `organisations_of_official(user_id)`: the organisations whose data an official may see;
  `official_page`: the decorator of every officials' page (others go to the sign-in).
- `ensure_operator_second_factor(username)`, `describe_operator(...)`: the demo operator's
  TOTP secret (the admin asks a code at sign-in) and how `lifegate demo` prints it.
- `foreign_person_identifier(request)`: the eIDAS identifier of a citizen signed in with a
  foreign eID.
"""

from __future__ import annotations

from django.http import HttpRequest

from lifegate.identity import models
from lifegate.identity.acting import current_actor
from lifegate.identity.assertions import client_assertion
from lifegate.identity.auth import AgencyPrincipal, agency_of_request
from lifegate.identity.authority import Decision, may_act_for_company, may_act_for_person
from lifegate.identity.clients import (
    InvalidClientKeysError,
    register_agency_client,
    register_relying_party,
    revoke_client_tokens,
)
from lifegate.identity.mandates import record_action, seed_persona_mandates
from lifegate.identity.notices import announce_expiring
from lifegate.identity.official_access import official_page
from lifegate.identity.officials import (
    OfficialCredentials,
    ensure_demo_officials,
)
from lifegate.identity.officials import (
    organisations_of as organisations_of_official,
)
from lifegate.identity.operators import describe_operator, ensure_operator_second_factor
from lifegate.identity.session import (
    Actor,
    Citizen,
    Party,
    StepUpRequiredError,
    require_loa,
)
from lifegate.identity.session import citizen as signed_in_citizen

__all__ = [
    "Actor",
    "AgencyPrincipal",
    "Citizen",
    "Decision",
    "InvalidClientKeysError",
    "OfficialCredentials",
    "Party",
    "StepUpRequiredError",
    "agency_of_request",
    "announce_expiring",
    "client_assertion",
    "current_actor",
    "describe_operator",
    "ensure_demo_officials",
    "ensure_operator_second_factor",
    "foreign_person_identifier",
    "may_act_for_company",
    "may_act_for_person",
    "official_page",
    "organisations_of_official",
    "record_action",
    "register_agency_client",
    "register_relying_party",
    "require_loa",
    "revoke_client_tokens",
    "seed_persona_mandates",
    "signed_in_citizen",
]


def foreign_person_identifier(request: HttpRequest) -> str | None:
    """The eIDAS person identifier (e.g. "ES/NL/…") of the signed-in citizen, as verified
    at sign-in; None when nobody is signed in or they signed in with a Dutch eID."""
    signed_in = signed_in_citizen(request)
    if signed_in is None or signed_in.scheme != "eidas" or signed_in.foreign_identity_id is None:
        return None
    rows = models.ForeignIdentity.objects.filter(pk=signed_in.foreign_identity_id)
    return rows.values_list("person_identifier", flat=True).first()
