# SPDX-License-Identifier: EUPL-1.2
"""The issuing agencies' HTTP door: /api/v1/credentials/… (list, revoke, suspend, reinstate).

The wallet-facing protocol endpoints are not here: OpenID4VCI, OpenID4VP and the status
lists have shapes their specifications fix (see `endpoints.py`)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.params.functions import Query
from pydantic import ConfigDict
from pydantic.alias_generators import to_camel

from lifegate.core.problems import Problem, ProblemError
from lifegate.credentials import services
from lifegate.credentials.models import BY_HOLDER, CredentialStatus
from lifegate.identity.auth import AgencyAuth, organisation_of

router = Router(tags=["credentials"], auth=AgencyAuth())
StatusName = Literal["valid", "suspended", "revoked"]


class Camel(Schema):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class IssuedCredentialOut(Camel):
    id: uuid.UUID
    type: str = Field(description="The credential configuration, e.g. diploma.")
    vct: str = Field(description="The SD-JWT VC type of the credential.")
    label: str = Field(description="What the credential is about, e.g. the degree.")
    status: StatusName = Field(description="valid, suspended or revoked.")
    status_list_uri: str = Field(description="The Token Status List the credential points to.")
    status_index: int = Field(description="Its index in that list.")
    issued_at: dt.datetime
    expires_at: dt.datetime
    copies: int = Field(
        description="Copies issued in all: a wallet takes a few, each bound to its own key and "
        "status index and shown to one verifier, and asks for more once it has shown them. "
        "A status change applies to every copy."
    )
    status_changed_at: dt.datetime | None = Field(
        description="When the status last changed; null while it never did."
    )
    withdrawn_by_holder: bool = Field(
        description="True when the holder revoked it themselves (a lost or stolen wallet)."
    )


class StatusIn(Camel):
    status: StatusName = Field(description="revoked is final; suspended can be set back to valid.")


class IssuedCredentialsOut(Camel):
    credentials: list[IssuedCredentialOut]


def _out(row: services.IssuedCredentialView) -> IssuedCredentialOut:
    return IssuedCredentialOut(
        id=row.id,
        type=row.type,
        vct=row.vct,
        label=row.label,
        status=cast(StatusName, row.status),
        status_list_uri=row.status_list_uri,
        status_index=row.status_index,
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        copies=row.copies,
        status_changed_at=row.status_changed_at,
        withdrawn_by_holder=row.status_changed_by == BY_HOLDER,
    )


@router.get(
    "/issued-credentials",
    response=IssuedCredentialsOut,
    summary="Credentials your organisation issued",
    description="Newest first, at most 100; filter on the person's registry id and status.",
    operation_id="listIssuedCredentials",
    by_alias=True,
)
def list_issued(
    request: HttpRequest,
    person_id: Annotated[
        int | None, Query(alias="personId", description="Registry person id.")
    ] = None,
    status: Annotated[
        StatusName | None, Query(description="Only credentials with this status.")
    ] = None,
) -> IssuedCredentialsOut:
    rows = services.issued_credentials(
        [organisation_of(request)], person_id=person_id, status=status
    )
    return IssuedCredentialsOut(credentials=[_out(r) for r in rows])


@router.put(
    "/issued-credentials/{credential_id}/status",
    response={200: IssuedCredentialOut, 404: None, 409: None},
    summary="Revoke, suspend or reinstate a credential",
    description="Verifiers see the change when their copy of the status list expires "
    "(the list's ttl, LIFEGATE_CREDENTIALS_STATUS_TTL seconds).",
    operation_id="setCredentialStatus",
    by_alias=True,
)
def set_status(
    request: HttpRequest, credential_id: uuid.UUID, payload: StatusIn
) -> IssuedCredentialOut:
    organisation = organisation_of(request)
    try:
        row = services.set_status(
            organisation, credential_id, CredentialStatus(payload.status), by=organisation
        )
    except services.CredentialNotFoundError as error:
        raise ProblemError(
            Problem("not-found", "Your organisation issued no credential with this id.")
        ) from error
    except services.StatusChangeRefusedError as error:
        raise ProblemError(Problem("conflict", "A revoked credential stays revoked.")) from error
    return _out(row)
