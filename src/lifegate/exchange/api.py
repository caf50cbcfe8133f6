# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/exchange/…: agencies read registry data for a purpose; the public register of
processing activities."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from lifegate.core.problems import Problem, ProblemError
from lifegate.exchange import activities, services
from lifegate.identity.auth import AgencyAuth, organisation_of

router = Router(tags=["exchange"])


class SubjectIn(Schema):
    bsn: str | None = Field(None, description="A person's BSN.")
    kvk_number: str | None = Field(None, alias="kvkNumber", description="A company's KvK number.")


class DataRequestIn(Schema):
    purpose: str = Field("", description="Id of one of your processing activities.")
    subject: SubjectIn
    fields: list[str] = Field([], description="Fields as registry.field, e.g. incomes.assets.")
    journey: str = Field("", max_length=80, description="Journey or case this read serves.")


class DataRequestOut(Schema):
    data: dict[str, dict[str, Any]] = Field(
        description="registry -> field -> value; only those asked."
    )
    processing_id: str = Field(alias="processingId", description="The log record of this read.")
    traceparent: str = Field(description="W3C trace context of this read's span.")


class ActivityOut(Schema):
    id: str
    organisation: str
    name: dict[str, str]
    basis: str = Field(description="legal-obligation, public-task or consent.")
    law: dict[str, str]
    reference: str
    remit: str
    fields: list[str]


def _subject(body: SubjectIn) -> services.Subject:
    if body.bsn and not body.kvk_number:
        return services.Subject.bsn(body.bsn)
    if body.kvk_number and not body.bsn:
        return services.Subject.kvk(body.kvk_number)
    raise ProblemError(
        Problem("invalid-input", "Name the subject by bsn or by kvkNumber, not both.")
    )


@router.post(
    "/data-requests",
    response={200: DataRequestOut, 403: None, 404: None, 503: None},
    by_alias=True,
    auth=AgencyAuth(),
    operation_id="requestData",
    openapi_extra={
        "responses": {
            "403": {"description": "The policy refused the read; `reason` says why."},
            "404": {"description": "The registries know no such data subject."},
            "503": {"description": "A registry or the processing log did not answer."},
        }
    },
    summary="Read registry data of one data subject for one of your processing activities",
)
def request_data(
    request: HttpRequest, response: HttpResponse, body: DataRequestIn
) -> dict[str, Any]:
    trace = services.TraceContext.parse(request.headers.get("traceparent"))
    requester = services.Requester(organisation_of(request))
    try:
        released = services.read_person_data(
            requester,
            body.purpose,
            _subject(body.subject),
            body.fields,
            trace,
            journey=body.journey,
        )
    except services.RefusedError as refusal:
        raise ProblemError(refusal.problem()) from refusal
    response["traceparent"] = released.trace.traceparent
    return {
        "data": released.data,
        "processingId": str(released.record_id),
        "traceparent": released.trace.traceparent,
    }


@router.get(
    "/processing-activities",
    response=list[ActivityOut],
    operation_id="listProcessingActivities",
    summary="The register of processing activities the exchange enforces",
)
def list_activities(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "organisation": a.organisation,
            "name": a.name,
            "basis": a.basis,
            "law": a.law,
            "reference": a.reference,
            "remit": a.remit,
            "fields": list(a.fields),
        }
        for a in activities.register().values()
    ]
