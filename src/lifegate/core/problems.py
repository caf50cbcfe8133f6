# SPDX-License-Identifier: EUPL-1.2
"""RFC 9457 problem details: one stable `type` URI per kind of problem.

Pure: no Django. The API layer turns a `Problem` into an `application/problem+json` response.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_PREFIX = "urn:lifegate:problem:"

# The stable kinds, with the status they normally go with. Add kinds here, never rename one:
# clients branch on the `type` URI.
KINDS: dict[str, int] = {
    "bad-request": 400,
    "invalid-input": 400,
    "unauthorized": 401,
    "forbidden": 403,
    "not-found": 404,
    "method-not-allowed": 405,
    "not-acceptable": 406,
    "conflict": 409,
    "gone": 410,
    "precondition-failed": 412,
    "payload-too-large": 413,
    "unsupported-media-type": 415,
    "unprocessable": 422,
    "too-many-requests": 429,
    "internal-error": 500,
    "service-unavailable": 503,
}

_KIND_BY_STATUS = {status: kind for kind, status in reversed(KINDS.items())}


def type_uri(kind: str) -> str:
    """The stable `type` URI of a kind of problem."""
    if kind not in KINDS:
        raise ValueError(f"unknown problem kind {kind!r}; add it to lifegate.core.problems.KINDS")
    return _TYPE_PREFIX + kind


def kind_for_status(status: int) -> str:
    """The generic kind for a bare HTTP status (used when a framework answered on its own)."""
    if status in _KIND_BY_STATUS:
        return _KIND_BY_STATUS[status]
    return "internal-error" if status >= 500 else "bad-request"


@dataclass(frozen=True)
class InvalidParam:
    """One field that is wrong, NL API Design Rules style (`invalidParams`)."""

    name: str
    reason: str
    code: str = "invalid"


@dataclass(frozen=True)
class Problem:
    """A problem to answer with, as RFC 9457 describes it."""

    kind: str
    detail: str
    status: int | None = None
    title: str | None = None
    instance: str | None = None
    invalid_params: tuple[InvalidParam, ...] = field(default_factory=tuple)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def http_status(self) -> int:
        return self.status if self.status is not None else KINDS[self.kind]

    def as_dict(self) -> dict[str, Any]:
        status = self.http_status
        body: dict[str, Any] = {
            "type": type_uri(self.kind),
            "title": self.title or HTTPStatus(status).phrase,
            "status": status,
            "detail": self.detail,
        }
        if self.instance:
            body["instance"] = self.instance
        if self.invalid_params:
            body["invalidParams"] = [
                {"name": p.name, "code": p.code, "reason": p.reason} for p in self.invalid_params
            ]
        body.update(self.extra)
        return body


class ProblemError(Exception):
    """Raise from a service or view to answer with a problem; the API turns it into a response."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.detail)
        self.problem = problem
