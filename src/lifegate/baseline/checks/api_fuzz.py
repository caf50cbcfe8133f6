# SPDX-License-Identifier: EUPL-1.2
"""schemathesis over every OpenAPI operation, once per role (anonymous, a citizen, an agency,
an official): no 5xx, answers match the document, an operation refuses (401/403) every role
that holds none of its security schemes, and accepts the credentials of a role that does.

Each finding names its role, the operation and the schemathesis check code (or `auth`)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from lifegate.baseline.checks import principals
from lifegate.baseline.exceptions import Finding

_AUTH_REFUSED = {401, 403}
_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
# A refusal is decided before the operation reads its input: one call proves it.
REFUSAL_EXAMPLES = 1
AGENCY_SCHEME = "AgencyAuth"


@dataclass(frozen=True)
class Role:
    """Who fuzzes: the security schemes its credentials satisfy, and what it sends."""

    name: str
    schemes: frozenset[str] = frozenset()
    headers: Mapping[str, str] = field(default_factory=dict)
    cookies: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Tally:
    """What one role's run did: operations called, refused, and let in though secured."""

    operations: int = 0
    calls: int = 0
    refused: set[str] = field(default_factory=set)
    admitted: set[str] = field(default_factory=set)  # secured operations that let it in


@dataclass
class FuzzRun:
    findings: list[Finding] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)


def as_role(principal: principals.Principal, schemes: frozenset[str] = frozenset()) -> Role:
    """The principal's bearer token as a header and its session as cookies."""
    headers = {
        key.removeprefix("HTTP_").replace("_", "-").title(): str(value)
        for key, value in principal.headers.items()
    }
    cookies = {name: morsel.value for name, morsel in principal.client.cookies.items()}
    return Role(principal.name, schemes, headers, cookies)


def default_roles() -> list[Role]:
    """Anonymous, Sanne signed in, SVB's system with an access token, an SVB official.

    The API declares no scheme a citizen's or an official's session satisfies: their runs prove
    that a session opens no secured operation and that public ones answer them as documented."""
    people = principals.persona_ids()
    return [
        Role("anonymous"),
        as_role(principals.citizen("citizen", people["sanne"])),
        as_role(principals.agency("agency", "svb"), frozenset({AGENCY_SCHEME})),
        as_role(principals.official("official", "svb")),
    ]


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


def _failures(failure: BaseException) -> list[BaseException]:
    if isinstance(failure, BaseExceptionGroup):
        return [f for inner in failure.exceptions for f in _failures(inner)]
    return [failure]


def _findings(role: str, label: str, failure: BaseException) -> list[Finding]:
    found = []
    for one in _failures(failure):
        code = str(getattr(one, "code", "") or "schemathesis")
        text = str(getattr(one, "title", "") or one).splitlines()[0][:160]
        if hasattr(one, "status_code"):  # an undocumented status: say which
            text += f" {one.status_code}"
        found.append(Finding(code, label, 0, text, role))
    return found


def schemes_of(operation: Any, document: dict[str, Any]) -> frozenset[str]:
    """The security schemes any of which opens the operation; empty when it is public."""
    requirements = operation.definition.raw.get("security", document.get("security")) or []
    return frozenset(name for requirement in requirements for name in requirement)


def fuzz_operation(
    operation: Any, document: dict[str, Any], role: Role, examples: int, tally: Tally
) -> list[Finding]:
    """Findings of up to `examples` calls of one operation as `role`."""
    problems: list[Finding] = []
    checks = _checks()
    schemes = schemes_of(operation, document)
    refuse = bool(schemes) and not (schemes & role.schemes)
    label = operation.label
    tally.operations += 1

    @settings(
        max_examples=REFUSAL_EXAMPLES if refuse else examples,
        deadline=None,
        database=None,
        suppress_health_check=_HEALTH,
    )
    @seed(zlib.crc32(label.encode()))  # reproducible; cheaper than derandomize's source digest
    @given(case=operation.as_strategy() | st.nothing())
    def run(case: Any) -> None:
        generated = {k: v for k, v in (case.headers or {}).items() if k != "Authorization"}
        case.headers = {**generated, **role.headers}
        response = case.call(cookies=dict(role.cookies) or None)
        tally.calls += 1
        refused = response.status_code in _AUTH_REFUSED
        if refuse:  # a refusal is what this role must get; nothing more to check
            if refused:
                tally.refused.add(label)
            else:
                problems.append(Finding("auth", label, 0, f"got {response.status_code}", role.name))
            return
        if schemes and response.status_code == 401:
            problems.append(Finding("auth", label, 0, "its credentials were refused", role.name))
        elif schemes and not refused:
            tally.admitted.add(label)
        try:
            case.validate_response(response, checks=checks)
        except (Exception, BaseExceptionGroup) as failure:  # schemathesis groups its failures
            problems.extend(_findings(role.name, label, failure))

    run()
    return problems


def load_schema(document: dict[str, Any] | None = None) -> Any:
    """The installation's OpenAPI document (or `document`), called in-process."""
    import schemathesis  # noqa: PLC0415 - a dev dependency: imported only when the check runs

    if document is None:
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    return schema


def fuzz(schema: Any, roles: list[Role], examples: int) -> FuzzRun:
    """Every operation of `schema` as every role; findings deduplicated, sorted."""
    result = FuzzRun()
    document: dict[str, Any] = schema.raw_schema
    operations = [r.ok() for r in schema.get_all_operations()]  # an invalid one raises
    with _connection_kept():
        for role in roles:
            tally = result.tallies.setdefault(role.name, Tally())
            for operation in operations:
                result.findings += fuzz_operation(operation, document, role, examples, tally)
    result.findings = sorted(set(result.findings), key=lambda f: (f.role, f.file, f.id, f.text))
    return result


def evidence(run: FuzzRun, roles: list[Role], examples: int) -> list[str]:
    """One line per role: what its run did (the findings are reported apart)."""
    lines = []
    for role in roles:
        tally = run.tallies[role.name]
        held = ", ".join(sorted(role.schemes)) or "no security scheme"
        lines.append(
            f"{role.name} ({held}): {tally.operations} operations, {tally.calls} calls (up to "
            f"{examples} per operation open to it), each checked for server errors, status, "
            f"content type and body; {len(tally.refused)} secured operations refused it "
            f"(401/403), {len(tally.admitted)} let it in"
        )
    return lines


def openapi_fuzz(
    examples: int = 3, roles: list[Role] | None = None, document: dict[str, Any] | None = None
) -> tuple[list[Finding], list[str]]:
    """(findings, proven) over every operation of the installation's OpenAPI document."""
    # the roles sign in through Django's test client, which connects close_old_connections
    # again after each request: so the connection is kept for the schema's load after them
    chosen = default_roles() if roles is None else roles
    with _connection_kept():
        schema = load_schema(document)
    run = fuzz(schema, chosen, examples)
    return run.findings, evidence(run, chosen, examples)
