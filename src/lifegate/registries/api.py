# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/registries/…: the demo base registries as HTTP services, Haal Centraal style.

`POST` with the identifiers and the required `fields` in the body (no personal data in
URLs), and the exchange's grant in the `Lifegate-Grant` header; without a grant that
covers the call the answer is 403 problem+json naming the reason.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.params.functions import Header

from lifegate.core.problems import InvalidParam, Problem, ProblemError
from lifegate.registries import server
from lifegate.registries.catalogue import REGISTRIES, Registry
from lifegate.registries.grants import GrantRefusedError
from lifegate.registries.transport import RegistryCall

router = Router(tags=["registries"])
GRANT_HELP = "Grant issued by the exchange for this registry, these fields and these subjects."


class PersonQuery(Schema):
    bsn: list[str] = Field(min_length=1, max_length=100, description="BSNs to look up.")
    fields: list[str] = Field(min_length=1, description="Fields to answer (data minimisation).")


class CompanyQuery(Schema):
    kvk_number: list[str] = Field(
        alias="kvkNumber", min_length=1, max_length=100, description="KvK numbers to look up."
    )
    fields: list[str] = Field(min_length=1, description="Fields to answer (data minimisation).")


class RecordOut(Schema):
    identifier: str
    data: dict[str, Any] = Field(description="Only the fields asked for.")


class RecordsOut(Schema):
    records: list[RecordOut]


def _serve(
    registry: Registry, identifiers: list[str], fields: list[str], grant: str, trace: str
) -> dict[str, Any]:
    unknown = [f for f in fields if f not in registry.fields]
    if unknown:
        params = tuple(
            InvalidParam("fields", f"unknown field {f}", "unknown-field") for f in unknown
        )
        raise ProblemError(
            Problem(
                "invalid-input",
                f"{registry.name} has no field(s) {', '.join(unknown)}.",
                invalid_params=params,
            )
        )
    call = RegistryCall(registry.name, tuple(identifiers), tuple(fields), grant, trace)
    try:
        found = server.answer(call)
    except GrantRefusedError as exc:
        detail = (
            "This registry answers only calls the exchange granted for these fields and subjects."
        )
        raise ProblemError(Problem("forbidden", detail, extra={"reason": exc.reason})) from exc
    return {"records": [{"identifier": k, "data": v} for k, v in found.records.items()]}


def _person_route(registry: Registry) -> None:
    def query(
        request: HttpRequest,
        body: PersonQuery,
        grant: str = Header("", alias="Lifegate-Grant", description=GRANT_HELP),
        traceparent: str = Header("", description="W3C trace context."),
    ) -> dict[str, Any]:
        return _serve(registry, body.bsn, body.fields, grant, traceparent)

    router.add_api_operation(
        f"/{registry.name}",
        ["POST"],
        query,
        response={200: RecordsOut},
        operation_id=f"query{registry.name.title()}",
        summary=f"{registry.label}: records by BSN, only the fields asked for",
    )


def _company_route(registry: Registry) -> None:
    def query(
        request: HttpRequest,
        body: CompanyQuery,
        grant: str = Header("", alias="Lifegate-Grant", description=GRANT_HELP),
        traceparent: str = Header("", description="W3C trace context."),
    ) -> dict[str, Any]:
        return _serve(registry, body.kvk_number, body.fields, grant, traceparent)

    router.add_api_operation(
        f"/{registry.name}",
        ["POST"],
        query,
        response={200: RecordsOut},
        operation_id=f"query{registry.name.title()}",
        summary=f"{registry.label}: records by KvK number, only the fields asked for",
    )


for _registry in REGISTRIES.values():
    (_company_route if _registry.key == "kvkNumber" else _person_route)(_registry)
