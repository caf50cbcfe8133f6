# SPDX-License-Identifier: EUPL-1.2
"""Deny by default: every route is an API operation, a declared protected page, or public."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from lifegate.baseline import access
from lifegate.baseline.outcome import Outcome

_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
_DUMMY = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "x", "str": "x", "path": "x"}
_API = "api/v1/"
_REFUSED = {"citizen": {302, 303, 401, 403}, "official": {302, 303, 401, 403}}
_REFUSED_CLIENT = {400, 401, 403}


@dataclass(frozen=True)
class Route:
    pattern: str  # e.g. "nl/berichten/<uuid:message_id>"
    view: str  # dotted path of the view function


def _view_path(pattern: URLPattern) -> str:
    callback = pattern.callback
    module = getattr(callback, "__module__", "")
    name = getattr(callback, "__qualname__", type(callback).__name__)
    return f"{module}.{name}"


def _walk(patterns: list[URLPattern | URLResolver], prefix: str) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(list(entry.url_patterns), prefix + str(entry.pattern))
        else:
            yield Route(prefix + str(entry.pattern), _view_path(entry))


def all_routes(urlconf: str | None = None) -> list[Route]:
    """Every route Django serves (language-prefixed pages once, in Dutch)."""
    with translation.override("nl"):
        return list(_walk(list(get_resolver(urlconf).url_patterns), ""))


def openapi_path(pattern: str) -> str:
    """`api/v1/cases/<case_id>` -> `/cases/{case_id}` (the document's server is /api/v1)."""
    return "/" + _PARAM.sub(r"{\2}", pattern.removeprefix(_API))


def _classify(route: Route, api_paths: frozenset[str]) -> str | None:
    """The route's access rule, or None when nothing declares one."""
    if route.pattern.startswith(_API):
        if route.pattern in access.API_DOCUMENT_ROUTES:
            return "public"
        return "api" if openapi_path(route.pattern) in api_paths else None
    if route.pattern.removeprefix("nl/").startswith(access.ADMIN_PREFIX):
        return "staff"
    if route.view in access.PROTECTED:
        return access.PROTECTED[route.view]
    return "public" if route.view in access.PUBLIC else None


def inventory(
    routes: list[Route], api_paths: frozenset[str]
) -> tuple[dict[str, list[Route]], list[Route]]:
    """Routes by access rule, and the routes no rule covers (each one a failure)."""
    by_rule: dict[str, list[Route]] = {}
    undeclared: list[Route] = []
    for route in routes:
        rule = _classify(route, api_paths)
        if rule is None:
            undeclared.append(route)
        else:
            by_rule.setdefault(rule, []).append(route)
    return by_rule, undeclared


def concrete_path(pattern: str) -> str:
    """A path matching `pattern`, with a harmless value for every parameter."""
    return "/" + _PARAM.sub(lambda m: _DUMMY.get(m.group(1) or "str", "x"), pattern)


def anonymous_answer(client: Client, route: Route) -> int:
    """The status an anonymous visitor gets (POST when the route refuses GET)."""
    path = concrete_path(route.pattern)
    status = client.get(path).status_code
    if status == 405:
        status = client.post(path).status_code
    return status


def _refused(rule: str, status: int) -> bool:
    return status in _REFUSED.get(rule, _REFUSED_CLIENT | {302, 303})


def probe_anonymous(by_rule: Mapping[str, list[Route]]) -> tuple[list[str], int]:
    """Problems where an anonymous visitor got a protected route's answer; routes probed."""
    client = Client()
    problems: list[str] = []
    probed = 0
    for rule in ("citizen", "official", "staff", "client"):
        routes = by_rule.get(rule, [])
        if rule == "staff":  # the admin site: its index stands for every admin_view
            routes = [r for r in routes if r.view in access.PROTECTED or r.pattern == "nl/admin/"]
        for route in routes:
            status = anonymous_answer(client, route)
            probed += 1
            if not _refused(rule, status):
                problems.append(f"{rule} route /{route.pattern} answered {status} to anonymous")
    return problems, probed


def route_inventory(api_paths: frozenset[str], urlconf: str | None = None) -> Outcome:
    routes = all_routes(urlconf)
    by_rule, undeclared = inventory(routes, api_paths)
    problems = [
        f"undeclared route /{r.pattern} ({r.view}): add it to baseline/access.py or the API"
        for r in undeclared
    ]
    refused, probed = probe_anonymous(by_rule)
    counts = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_rule.items()))
    proven = [
        f"{len(routes)} routes, each declared: {counts}",
        f"{probed} protected routes refused an anonymous visitor",
    ]
    return Outcome.of(problems + refused, proven)
