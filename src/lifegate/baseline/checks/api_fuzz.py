# SPDX-License-Identifier: EUPL-1.2
"""schemathesis over every OpenAPI operation, anonymous: no 5xx, answers match the document,
and every operation that declares security refuses a caller without credentials."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifegate.baseline.exceptions import Finding

_AUTH_REFUSED = {401, 403}
_CODE = re.compile(r"- (ST\d+) (.*)")
_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


def _checks() -> list[Any]:
    from schemathesis.checks import not_a_server_error  # noqa: PLC0415 - dev tool, lazy
    from schemathesis.specs.openapi.checks import (  # noqa: PLC0415
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]


@contextmanager
def _connection_kept() -> Iterator[None]:
    """Django closes the connection after a request when autocommit is off (as inside the
    command's rolled-back transaction or a test); the in-process calls must keep it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _findings(label: str, failure: BaseException) -> list[Finding]:
    lines = [line.strip() for line in str(failure).splitlines() if line.strip()]
    found = [_CODE.search(line) for line in lines if line.startswith("- ")]
    return [Finding(m.group(1), label, 0, m.group(2)) for m in found if m] or [
        Finding("schemathesis", label, 0, lines[0][:160] if lines else "failure")
    ]


def _secured(operation: Any, document: dict[str, Any]) -> bool:
    return bool(operation.definition.raw.get("security", document.get("security")))


def fuzz_operation(operation: Any, document: dict[str, Any], examples: int) -> list[Finding]:
    """Findings of up to `examples` anonymous calls of one operation."""
    problems: list[Finding] = []
    checks = _checks()
    secured = _secured(operation, document)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=_HEALTH,
    )
    @given(case=operation.as_strategy() | st.nothing())
    def run(case: Any) -> None:
        case.headers = {k: v for k, v in (case.headers or {}).items() if k != "Authorization"}
        response = case.call()
        if secured:  # a refusal is what anonymous callers must get; nothing more to check
            if response.status_code not in _AUTH_REFUSED:
                problems.append(
                    Finding("auth", operation.label, 0, f"anonymous got {response.status_code}")
                )
            return
        try:
            case.validate_response(response, checks=checks)
        except (Exception, BaseExceptionGroup) as failure:  # schemathesis groups its failures
            problems.extend(_findings(operation.label, failure))

    run()
    return problems


def openapi_fuzz(examples: int = 3) -> tuple[list[Finding], list[str]]:
    """(findings, proven) over every operation of the installation's OpenAPI document."""
    import schemathesis  # noqa: PLC0415 - a dev dependency: imported only when the check runs

    problems: list[Finding] = []
    operations = secured = 0
    with _connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
        document: dict[str, Any] = schema.raw_schema
        for result in schema.get_all_operations():
            operation: Any = result.ok()  # type: ignore[union-attr]  # an invalid one raises
            operations += 1
            secured += _secured(operation, document)
            problems += fuzz_operation(operation, document, examples)
    proven = [
        f"{operations} operations, {examples} anonymous examples each: no server error, "
        f"status, content type and body as documented",
        f"{secured} operations that declare security refused anonymous calls (401/403)",
    ]
    return sorted(set(problems), key=lambda f: (f.file, f.id)), proven
