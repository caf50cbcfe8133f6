# SPDX-License-Identifier: EUPL-1.2
"""The JSON of `POST /api/v1/eligibility/evaluations`, for the OpenAPI document.

The request is read by the pure `eligibility.parse_request` (after camelCase keys are turned
into its snake_case), so that impossible values are answered 422 naming each field; these
schemas describe it.

The request models are plain pydantic models: django-ninja's `Schema` adds a validator that
reads Django model instances, which the request never holds, and which made validating a
household's request ten times slower (0.1 ms of a ~3 ms request). The answers are written by
`api_json`; their `Schema` classes only describe them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

SOURCE = "Where the value came from: `registry:brp`, `registry:income`, ..., or `citizen`."


class DateFact(BaseModel):
    value: dt.date = Field(description="A date (YYYY-MM-DD).")
    source: str = Field(description=SOURCE)


class NumberFact(BaseModel):
    value: float
    source: str = Field(description=SOURCE)


class FlagFact(BaseModel):
    value: bool
    source: str = Field(description=SOURCE)


class PersonRefFact(BaseModel):
    value: str | None = Field(description="The id of a person in the request, or null: none.")
    source: str = Field(description=SOURCE)


class PersonRefsFact(BaseModel):
    value: list[str] = Field(description="Ids of persons in the request.")
    source: str = Field(description=SOURCE)


class PersonIn(BaseModel):
    """A person of the household; a fact left out is unknown and will be asked for."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(description="An id for this person, unique in the request.")
    # `format` on the property too: the NL API linter wants it on every field named *Date.
    birth_date: DateFact | None = Field(
        None, alias="birthDate", json_schema_extra={"format": "date"}
    )
    partner: PersonRefFact | None = Field(None, description="The allowance partner.")
    parents: PersonRefsFact | None = Field(None, description="The parents the person lives with.")
    yearly_income: NumberFact | None = Field(None, alias="yearlyIncome")
    assets: NumberFact | None = None
    health_insured: FlagFact | None = Field(None, alias="healthInsured")
    resident: FlagFact | None = None
    enrolled_higher_education: FlagFact | None = Field(None, alias="enrolledHigherEducation")
    lives_with_parents: FlagFact | None = Field(None, alias="livesWithParents")


class HomeIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    rented: FlagFact | None = None
    monthly_rent: NumberFact | None = Field(None, alias="monthlyRent")


class EvaluationIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    date: dt.date = Field(description="The day to evaluate on (2025-01-01 to 2027-12-31).")
    subject: str = Field(description="The id of the person the evaluation is for.")
    services: list[str] | None = Field(None, description="Service ids; all when left out.")
    persons: list[PersonIn]
    home: HomeIn | None = None


class TextOut(Schema):
    nl: str
    en: str


class ValueOut(Schema):
    person: str | None = Field(description="Whose value; null for the household or the home.")
    value: bool | float | str | None = Field(description="null when not known.")
    source: str | None = Field(description="Where an input came from; null: computed.")


class ParameterOut(Schema):
    name: str
    value: float | bool
    label: TextOut
    reference: str = Field(description="Link to the article of law.")
    illustrative: bool = Field(description="Not a published figure: to be confirmed.")


class ExplanationOut(Schema):
    variable: str
    period: str
    label: TextOut
    reference: str = Field(description="Link to the article of law (wetten.overheid.nl).")
    outcome: Literal["pass", "fail", "unknown", "value"]
    values: list[ValueOut]
    parameters: list[ParameterOut]
    children: list[ExplanationOut]


class MissingOut(Schema):
    field: str = Field(description="The fact, as named in the request (camelCase).")
    person: str | None = Field(description="Whose fact; null for the home.")
    question: TextOut


class ResultOut(Schema):
    service: str
    label: TextOut
    status: Literal["entitled", "not_entitled", "need_more_info"]
    amount: float | None = Field(description="In euros, when entitled.")
    period: Literal["quarter", "month", "year"] = Field(description="The amount is per ...")
    start_date: dt.date | None = Field(
        alias="startDate", description="From when.", json_schema_extra={"format": "date"}
    )
    headline: TextOut
    explanation: list[ExplanationOut]
    missing: list[MissingOut]


class EvaluationOut(Schema):
    subject: str
    date: dt.date
    results: list[ResultOut]
