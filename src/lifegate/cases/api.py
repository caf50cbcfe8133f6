# SPDX-License-Identifier: EUPL-1.2
"""The agencies' HTTP door: /api/v1/cases/… (django-ninja, calls `services` only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.params.functions import Query

from lifegate.cases import catalogue, services
from lifegate.cases.refusals import refused
from lifegate.cases.schemas import (
    CaseEventsOut,
    CaseOut,
    CasesOut,
    CaseStatusIn,
    DecisionIn,
    InformationRequestIn,
    JourneyRefOut,
    RegistryEventIn,
    RegistryEventOut,
    StatusesOut,
    StatusOut,
)
from lifegate.identity.auth import AgencyAuth, organisation_of
from lifegate.outbox import services as outbox

router = Router(tags=["cases"], auth=AgencyAuth())
View = Callable[..., Any]
REPORTERS = ("rvig",)  # besides every municipality


def _may_report(organisation: str) -> bool:
    found = next((o for o in catalogue.catalog().organisations if o.id == organisation), None)
    return organisation in REPORTERS or (found is not None and found.kind == "municipality")


@router.post(
    "/registry-events",
    response={201: RegistryEventOut, 403: None, 422: None},
    summary="Report a registry event (a birth, moving in, turning 18, pension age, a death)",
    description="Opens the life-event journeys of the people concerned, with offers where the "
    "law allows; reporting the same event again opens nothing new. Municipalities and RvIG only.",
    operation_id="recordRegistryEvent",
    by_alias=True,
)
def record_registry_event(
    request: HttpRequest, payload: RegistryEventIn
) -> Status[RegistryEventOut]:
    if not _may_report(organisation_of(request)):
        raise refused("organisation-may-not-report")
    event = services.RegistryEvent(
        payload.type, payload.subject_bsn, payload.date, tuple(payload.related_bsns)
    )
    journeys = services.record_registry_event(event)
    body = RegistryEventOut(journeys=[JourneyRefOut(id=str(j.id), event=j.event) for j in journeys])
    return Status(201, body)


@router.get(
    "/cases",
    response=CasesOut,
    summary="Your organisation's cases, newest first",
    operation_id="listCases",
    by_alias=True,
)
def list_cases(request: HttpRequest, status: str = Query("", max_length=30)) -> CasesOut:
    found = services.cases_of_organisation(organisation_of(request), status)
    return CasesOut(cases=[CaseOut.of(c) for c in found])


@router.get(
    "/cases/{case_id}",
    response={200: CaseOut, 403: None, 404: None},
    summary="One of your organisation's cases, with the data shared with it",
    operation_id="getCase",
    by_alias=True,
)
def get_case(request: HttpRequest, case_id: str) -> CaseOut:
    return CaseOut.of(services.case_for_organisation(case_id, organisation_of(request)))


@router.get(
    "/cases/{case_id}/statuses",
    response={200: StatusesOut, 403: None, 404: None},
    summary="The status history of a case",
    operation_id="listCaseStatuses",
    by_alias=True,
)
def list_statuses(request: HttpRequest, case_id: str) -> StatusesOut:
    case = services.case_for_organisation(case_id, organisation_of(request))
    return StatusesOut(statuses=[StatusOut.of(s) for s in services.history(case)])


def _changed(request: HttpRequest, change: Callable[[str, str], services.Case]) -> Status[CaseOut]:
    """`change(organisation, set_by)` made by the calling agency: the case, 201."""
    organisation = organisation_of(request)
    return Status(201, CaseOut.of(change(organisation, f"organisation:{organisation}")))


def _change_route(
    path: str, operation_id: str, summary: str, description: str, *, may_be_invalid: bool
) -> Callable[[View], View]:
    """A POST on one of the calling agency's cases that answers 201 with the case."""
    errors = (400, 403, 404, 409) if may_be_invalid else (403, 404, 409)
    return router.post(
        f"/cases/{{case_id}}/{path}",
        response={201: CaseOut, **dict.fromkeys(errors)},
        summary=summary,
        description=description,
        operation_id=operation_id,
        by_alias=True,
    )


@_change_route(
    "statuses",
    "setCaseStatus",
    "Set the status of a case",
    "Refused (409) when the status cannot follow the current one or the case is decided. "
    "The citizen sees it in their journey; some statuses also send a message.",
    may_be_invalid=True,
)
def set_status(request: HttpRequest, case_id: str, payload: CaseStatusIn) -> Status[CaseOut]:
    return _changed(
        request, lambda org, by: services.set_status(case_id, org, payload.status, payload.note, by)
    )


@_change_route(
    "information-requests",
    "requestCaseInformation",
    "Ask the citizen for information",
    "The question lands in the citizen's message box as an action to reply to; "
    "the case waits for the citizen.",
    may_be_invalid=False,
)
def request_information(
    request: HttpRequest, case_id: str, payload: InformationRequestIn
) -> Status[CaseOut]:
    return _changed(
        request,
        lambda org, by: services.request_information(case_id, org, payload.question, by),
    )


@_change_route(
    "decisions",
    "decideCase",
    "Decide a case",
    "Once only (409 after). The decision reaches the citizen's message box with "
    "the reasons and how to object.",
    may_be_invalid=True,
)
def decide(request: HttpRequest, case_id: str, payload: DecisionIn) -> Status[CaseOut]:
    return _changed(
        request, lambda org, by: services.decide(case_id, org, payload.result, payload.reasons, by)
    )


@router.get(
    "/events",
    response=CaseEventsOut,
    summary="Events about your organisation's cases (polling)",
    description="Case opened, status changed, information requested and decided, as "
    "CloudEvents; the same events the webhook delivers. Pass the last `nextAfter` as `after`.",
    operation_id="listCaseEvents",
    by_alias=True,
)
def list_events(
    request: HttpRequest, after: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)
) -> CaseEventsOut:
    found = outbox.list_events(
        organisation_of(request), after=after, limit=limit, type_prefix="nl.lifegate.cases."
    )
    next_after = int(found[-1]["sequence"]) if found else after
    return CaseEventsOut(events=found, next_after=next_after)
