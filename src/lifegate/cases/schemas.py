# SPDX-License-Identifier: EUPL-1.2
"""Request and response bodies of the cases API (camelCase on the wire)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from lifegate.cases.models import Case, CaseStatus


class Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class RegistryEventIn(Camel):
    type: str = Field(
        description="person.born, person.moved-in, person.turns-18, "
        "person.reaches-pension-age or person.died."
    )
    subject_bsn: str = Field(pattern=r"^\d{9}$", description="BSN of the person it happened to.")
    date: dt.date = Field(description="The day it was registered.")
    related_bsns: list[str] = Field(
        default_factory=list,
        max_length=10,
        description="For person.born the parents, for person.died the children.",
    )


class JourneyRefOut(Camel):
    id: str = Field(description="The journey's id.")
    event: str = Field(description="The catalog's life event id, e.g. birth.")


class RegistryEventOut(Camel):
    journeys: list[JourneyRefOut] = Field(description="The journeys of this event.")


class StatusOut(Camel):
    status: str = Field(
        description="received, in-progress, waiting-for-citizen, documents-received or decided."
    )
    note: str
    set_by: str = Field(description="Who set it: citizen, organisation:<id> or official:<id>.")
    set_at: dt.datetime

    @classmethod
    def of(cls, row: CaseStatus) -> StatusOut:
        return cls(status=row.status, note=row.note, set_by=row.set_by, set_at=row.set_at)


class CaseOut(Camel):
    id: str
    reference: str = Field(description="The case number the citizen sees.")
    case_type: str = Field(description="zaaktype:<service id>.")
    service: str = Field(description="The catalog's service id.")
    status: str
    result: str = Field(description="granted or refused once decided, else empty.")
    reasons: str
    opened_at: dt.datetime
    decided_at: dt.datetime | None
    shared_data: dict[str, Any] = Field(
        description="The registry data the citizen shared with you for this case, by field."
    )

    @classmethod
    def of(cls, case: Case) -> CaseOut:
        return cls(
            id=str(case.id),
            reference=case.reference,
            case_type=case.case_type,
            service=case.service,
            status=case.status,
            result=case.result,
            reasons=case.reasons,
            opened_at=case.opened_at,
            decided_at=case.decided_at,
            shared_data=case.shared_data,
        )


class CasesOut(Camel):
    cases: list[CaseOut]


class StatusesOut(Camel):
    statuses: list[StatusOut] = Field(description="Oldest first.")


class CaseStatusIn(Camel):
    status: str = Field(description="in-progress, waiting-for-citizen or documents-received.")
    note: str = Field("", max_length=2000)


class InformationRequestIn(Camel):
    question: str = Field(
        min_length=1,
        max_length=4000,
        description="What the citizen is asked; lands in their message box.",
    )


class DecisionIn(Camel):
    result: str = Field(description="granted or refused.")
    reasons: str = Field(
        min_length=1,
        max_length=20_000,
        description="The reasons; sent to the citizen with how to object.",
    )


class CaseEventsOut(Camel):
    events: list[dict[str, Any]] = Field(description="CloudEvents 1.0, oldest first.")
    next_after: int = Field(description="Pass as `after` to get the following events.")
