# SPDX-License-Identifier: EUPL-1.2
"""Between the API's camelCase JSON and the eligibility service's snake_case (pure)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from lifegate.rules.eligibility import (
    Evaluation,
    Explanation,
    FieldProblem,
    ParameterUsed,
    ServiceResult,
    Text,
    headline,
)

_UPPER = re.compile(r"([A-Z])")


def snake(name: str) -> str:
    return _UPPER.sub(lambda m: "_" + m.group(1).lower(), name)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def request_keys(payload: Any) -> Any:
    """The request with camelCase keys as snake_case (fact values are left as they are)."""
    if isinstance(payload, dict):
        return {snake(k): v if k == "value" else request_keys(v) for k, v in payload.items()}
    if isinstance(payload, list):
        return [request_keys(item) for item in payload]
    return payload


def api_pointer(problem: FieldProblem) -> str:
    """`/persons/0/birth_date/value` -> `persons.0.birthDate.value` (as invalidParams name)."""
    return ".".join(camel(part) for part in problem.field.strip("/").split("/"))


def _text(text: Text) -> dict[str, str]:
    return {"nl": text.nl, "en": text.en}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def explanation_json(
    node: Explanation, seen: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The node as JSON; `seen` shares the JSON of sub-rules that several steps cite."""
    seen = {} if seen is None else seen
    if id(node) not in seen:
        seen[id(node)] = _node_json(node, seen)
    return seen[id(node)]


def _parameter_json(parameter: ParameterUsed) -> dict[str, Any]:
    # keyed by the value's type too: 1 == 1.0 == True, but their JSON differs
    return _shared_parameter_json(parameter, type(parameter.value).__name__)


@lru_cache(maxsize=4096)  # the same few parameters in every answer; read-only afterwards
def _shared_parameter_json(parameter: ParameterUsed, kind: str) -> dict[str, Any]:
    return {
        "name": parameter.name,
        "value": parameter.value,
        "label": _text(parameter.label),
        "reference": parameter.reference,
        "illustrative": parameter.illustrative,
    }


def _node_json(node: Explanation, seen: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {
        "variable": node.variable,
        "period": node.period,
        "label": _text(node.label),
        "reference": node.reference,
        "outcome": node.outcome.value,
        "values": [
            {"person": v.person_id, "value": _plain(v.value), "source": v.source}
            for v in node.values
        ],
        "parameters": [_parameter_json(p) for p in node.parameters],
        "children": [explanation_json(child, seen) for child in node.children],
    }


def result_json(
    result: ServiceResult, seen: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    seen = {} if seen is None else seen
    return {
        "service": result.service,
        "label": _text(result.label),
        "status": result.status.value,
        "amount": None if result.amount is None else float(result.amount),
        "period": result.period,
        "startDate": _plain(result.start_date),
        "headline": {"nl": headline(result, "nl"), "en": headline(result, "en")},
        "explanation": [explanation_json(node, seen) for node in result.explanation],
        "missing": [
            {"field": camel(m.field), "person": m.person_id, "question": _text(m.question)}
            for m in result.missing
        ],
    }


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    seen: dict[int, dict[str, Any]] = {}  # one evaluation's nodes are alive: ids are unique
    return {
        "subject": evaluation.subject_id,
        "date": evaluation.on.isoformat(),
        "results": [result_json(result, seen) for result in evaluation.results],
    }
