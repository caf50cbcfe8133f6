# SPDX-License-Identifier: EUPL-1.2
"""`authz.objects`: every object route, asked by each wrong principal and by nobody, refuses.

The routes come from the URL resolver and the OpenAPI document; each one with an object id
must be in `baseline/matrix.py`. For each, the objects are made for their owner (owned.py),
the owner's read is the positive control, and every other principal must get 401, 403, 404,
400 or a redirect to a sign-in page, with none of the owner's data in the answer. Lists
(inboxes, work queues, API collections) of the other principal never show the objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lifegate.baseline import matrix
from lifegate.baseline.checks import owned, principals, routes
from lifegate.baseline.checks.principals import Principal
from lifegate.baseline.outcome import Outcome

_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_API_PARAM = re.compile(r"\{(\w+)\}")
_REFUSED = {400, 401, 403, 404}
_SIGN_IN = ("inloggen", "sign-in", "login", "/oauth2/authorize")


def object_routes(api: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(matrix key, path pattern) of every page or operation that takes a path parameter."""
    for route in routes.all_routes():
        if "<" not in route.pattern or route.pattern.startswith("api/v1/"):
            continue
        if route.pattern.removeprefix("nl/").startswith(matrix.ADMIN_OBJECT):
            continue  # the admin site: staff only, proven by routes.inventory
        yield route.view, "/" + route.pattern
    for path, operations in api["paths"].items():
        for method in operations:
            if "{" in path and method in {"get", "post", "put", "patch", "delete"}:
                yield f"{method.upper()} {path}", "/api/v1" + path


def fill(pattern: str, ids: dict[str, str], fixed: dict[str, str]) -> str:
    """The path of `pattern` with the owned object's ids and the route's fixed values."""
    values = {**ids, **fixed}
    return _API_PARAM.sub(
        lambda m: values[m.group(1)], _PARAM.sub(lambda m: values[m.group(1)], pattern)
    )


def refusal_problem(who: str, method: str, path: str, answer: Any, secrets: list[str]) -> str:
    """Why `answer` is no refusal ("" when it is one)."""
    status = answer.status_code
    body = b"" if getattr(answer, "streaming", False) else answer.content
    shown = [s for s in secrets if s and s.encode() in body]
    if shown:
        return f"{method} {path} as {who} answered {status} showing the owner's data"
    if status in _REFUSED:
        return ""
    location = answer.get("Location", "") if status in {301, 302, 303} else ""
    if location and any(part in location for part in _SIGN_IN):
        return ""
    return f"{method} {path} as {who} answered {status} {location}".rstrip()


def _probe(
    key: str, pattern: str, people: dict[str, Principal], made: owned.Owned
) -> tuple[list[str], int]:
    route = matrix.VIEWS.get(key) or matrix.OPERATIONS[key]
    path = fill(pattern, made.ids, dict(route.fixed))
    problems: list[str] = []
    if (
        route.reads and route.control
    ):  # positive control: the owner gets the object, so the ids are right
        status = people[route.owner].request("GET", path).status_code
        if status != 200:
            problems.append(f"GET {path} as its owner {route.owner} answered {status}")
    asked = 0
    for who in matrix.PRINCIPALS:
        if who == route.owner:
            continue
        answer = people[who].request(route.method, path, dict(route.body), json=route.json)
        asked += 1
        problem = refusal_problem(who, route.method, path, answer, made.secrets)
        problems += [problem] if problem else []
    return problems, asked


def _lists(people: dict[str, Principal], made: owned.Owned) -> tuple[list[str], int]:
    problems: list[str] = []
    for who, path, params in matrix.LISTS:
        answer = people[who].request("GET", path)
        body = answer.content.decode(errors="replace")
        if answer.status_code != 200:
            problems.append(f"GET {path} as {who} answered {answer.status_code} (list expected)")
        for param in params:
            value = made.ids[param]
            needle = f"/{value}/" if value.isdigit() else value
            if needle in body:
                problems.append(f"GET {path} as {who} lists the owner's {param} {value}")
    return problems, len(matrix.LISTS)


def team() -> dict[str, Principal]:
    people = principals.persona_ids()
    return {
        "nobody": principals.anonymous(),
        "citizen-a": principals.citizen("citizen-a", people["sanne"]),
        "citizen-b": principals.citizen("citizen-b", people["kees"]),
        "mandate-holder": principals.citizen("mandate-holder", people["eva"]),
        "official-a": principals.official("official-a", "svb"),
        "official-b": principals.official("official-b", "duo"),
        "agency-a": principals.agency("agency-a", "svb"),
        "agency-b": principals.agency("agency-b", "duo"),
    }


def object_authorisation(api: dict[str, Any]) -> Outcome:
    people = team()
    made = owned.make(principals.persona_ids(), people)
    unknown = [f"{k} ({p})" for k, p in object_routes(api) if not matrix.declared(k)]
    problems = [f"route with an object id not in baseline/matrix.py: {u}" for u in unknown]
    probed = [(k, p) for k, p in object_routes(api) if k in matrix.VIEWS or k in matrix.OPERATIONS]
    asked = 0
    for key, pattern in probed:
        found, count = _probe(key, pattern, people, made)
        problems += found
        asked += count
    listed, lists = _lists(people, made)
    proven = [
        f"{len(probed)} object routes ({len(made.ids)} kinds of object), {asked} requests by a "
        f"wrong principal or nobody: all refused, none showed the owner's data",
        f"{lists} lists of another citizen, official or agency: none shows the objects",
        f"owners' reads answered 200 (ids are live); public ids: {len(matrix.PUBLIC_IDS)} routes",
    ]
    return Outcome.of(problems + listed, proven)
