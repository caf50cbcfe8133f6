# SPDX-License-Identifier: EUPL-1.2
"""POST /api/v1/identity/authorisations: may an actor act for someone, for a service?"""

from __future__ import annotations

import datetime as dt
import logging

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from lifegate.core.problems import InvalidParam, Problem, ProblemError
from lifegate.demo import services as demo
from lifegate.identity import authority, scopes
from lifegate.identity.auth import AgencyAuth, organisation_of
from lifegate.identity.catalog_scopes import scope_catalog

logger = logging.getLogger(__name__)
router = Router(tags=["identity"], auth=AgencyAuth())


class ActorRef(Schema):
    bsn: str = Field(description="BSN of the person who wants to act.", pattern=r"^\d{9}$")


class SubjectRef(Schema):
    bsn: str | None = Field(None, description="BSN of the person acted for.", pattern=r"^\d{9}$")
    kvk_number: str | None = Field(
        None,
        alias="kvkNumber",
        description="KvK number of the company acted for.",
        pattern=r"^\d{8}$",
    )


class AuthorisationQuestion(Schema):
    actor: ActorRef
    subject: SubjectRef
    service: str = Field(
        description=(
            "Catalog id of the service, e.g. `zorgtoeslag` (see `/api/v1/catalog/services`); "
            "`messagebox` for reading the subject's messages; `*` for any."
        )
    )
    date: dt.date = Field(
        default_factory=timezone.localdate, description="The day the answer is for; default today."
    )


class AuthorisationAnswer(Schema):
    decision: str = Field(description="ALLOWED or DISALLOWED.")
    basis: str | None = Field(description="`self`, `law` (parental authority, owner) or `mandate`.")
    mandate_id: int | None = Field(alias="mandateId", description="The mandate relied on.")
    reason: str = Field(
        description="Why: e.g. `parental-authority`, `mandate-expired`, `out-of-scope`."
    )


def _person_id(bsn: str, role: str) -> int:
    person = demo.find_person_by_bsn(bsn)
    if person is None:
        raise ProblemError(
            Problem("unprocessable", f"There is no person with the {role} BSN given.")
        )
    return person.person_id


def _check_service(service: str) -> None:
    known = service in {scopes.ANY_SERVICE, *scopes.PLATFORM_SERVICES}
    if not known and service not in scope_catalog().services:
        raise ProblemError(
            Problem(
                "invalid-input",
                f"There is no service {service!r} in the catalog. Use a service id from "
                "/api/v1/catalog/services, `messagebox` or `*`.",
                invalid_params=(InvalidParam("service", "unknown service", "unknown"),),
            )
        )


@router.post(
    "/authorisations",
    response={200: AuthorisationAnswer},
    summary="Ask whether someone may act for a person or company",
    description=(
        "Answers ALLOWED or DISALLOWED with the basis (authority by law or a mandate id) or the "
        "reason for refusal. Send exactly one of subject.bsn and subject.kvkNumber. A service "
        "the catalog does not know is a problem (400) naming the field `service`."
    ),
    operation_id="createAuthorisation",
    by_alias=True,
)
def create_authorisation(
    request: HttpRequest, question: AuthorisationQuestion
) -> AuthorisationAnswer:
    asking = organisation_of(request)
    _check_service(question.service)
    actor_id = _person_id(question.actor.bsn, "actor")
    subject = question.subject
    if (subject.bsn is None) == (subject.kvk_number is None):
        raise ProblemError(
            Problem("invalid-input", "Send exactly one of subject.bsn and subject.kvkNumber.")
        )
    if subject.bsn is not None:
        decision = authority.may_act_for_person(
            actor_id, _person_id(subject.bsn, "subject"), question.service, question.date
        )
    else:
        decision = authority.may_act_for_company(
            actor_id, str(subject.kvk_number), question.service, question.date
        )
    logger.info(
        "identity.authorisation_asked", extra={"organisation": asking, "decision": decision.verdict}
    )
    return AuthorisationAnswer(
        decision=decision.verdict,
        basis=decision.basis,
        mandateId=decision.mandate_id,
        reason=decision.reason,
    )
