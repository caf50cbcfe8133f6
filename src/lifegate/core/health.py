# SPDX-License-Identifier: EUPL-1.2
"""GET /api/v1/health: is this installation up, and can it reach its database?"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest
from ninja import Router, Schema

from lifegate.core.problems import Problem, ProblemError
from lifegate.core.versioning import API_VERSION

router = Router(tags=["health"])


class Health(Schema):
    status: str
    database: str
    version: str


@router.get(
    "",
    response={200: Health, 503: None},
    summary="Health of this installation",
    description="Answers 200 when the database answers a query; 503 as problem+json otherwise.",
    operation_id="getHealth",
)
def get_health(request: HttpRequest) -> Health:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        raise ProblemError(
            Problem(
                "service-unavailable",
                "The database does not answer. Check DATABASE_URL and that the server runs.",
            )
        ) from error
    return Health(status="ok", database=connection.vendor, version=API_VERSION)
