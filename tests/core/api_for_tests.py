# SPDX-License-Identifier: EUPL-1.2
"""A URL map with a throwaway API, to exercise the shared error handling."""

from django.http import HttpRequest
from django.urls import path
from ninja import Router, Schema

from lifegate.core.api import build_api
from lifegate.core.problems import Problem, ProblemError

router = Router()


class Payload(Schema):
    age: int
    name: str


@router.get("/numbers")
def numbers(request: HttpRequest, limit: int) -> dict[str, int]:
    return {"limit": limit}


@router.post("/payloads")
def payloads(request: HttpRequest, payload: Payload) -> dict[str, int]:
    return {"age": payload.age}


@router.get("/conflict")
def conflict(request: HttpRequest) -> dict[str, int]:
    raise ProblemError(Problem("conflict", "Already accepted."))


@router.get("/crash")
def crash(request: HttpRequest) -> dict[str, int]:
    raise RuntimeError("boom")


api = build_api()
api.urls_namespace = "test-api"
api.add_router("/things", router)

urlpatterns = [path("api/v1/", api.urls)]
