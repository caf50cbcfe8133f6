# SPDX-License-Identifier: EUPL-1.2
"""The eligibility service (pure: no Django, no IO).

    evaluation = evaluate(situation, dt.date(2025, 7, 1), BIRTH_EVENT_SERVICES)
    result = evaluation.result("kinderbijslag")   # status, amount, period, start_date, ...
    print(explain(result, "en"))                  # the explanation in plain words

`parse_request(payload)` reads the JSON body of `POST /api/v1/eligibility/evaluations`;
`SituationError.problems` lists each offending field for a problem+json 422.
"""

from lifegate.rules.eligibility.catalog import BIRTH_EVENT_SERVICES, SERVICE_IDS, SERVICES
from lifegate.rules.eligibility.errors import FieldProblem, SituationError
from lifegate.rules.eligibility.evaluate import evaluate
from lifegate.rules.eligibility.explain import explain, headline
from lifegate.rules.eligibility.parse import EvaluationRequest, parse_request
from lifegate.rules.eligibility.result import (
    Evaluation,
    Explanation,
    MissingInput,
    Outcome,
    ParameterUsed,
    ServiceResult,
    Status,
    Text,
    ValueUsed,
)
from lifegate.rules.eligibility.situation import Fact, Home, Person, Situation

__all__ = [
    "BIRTH_EVENT_SERVICES",
    "SERVICES",
    "SERVICE_IDS",
    "Evaluation",
    "EvaluationRequest",
    "Explanation",
    "Fact",
    "FieldProblem",
    "Home",
    "MissingInput",
    "Outcome",
    "ParameterUsed",
    "Person",
    "ServiceResult",
    "Situation",
    "SituationError",
    "Status",
    "Text",
    "ValueUsed",
    "evaluate",
    "explain",
    "headline",
    "parse_request",
]
