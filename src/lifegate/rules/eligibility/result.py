# SPDX-License-Identifier: EUPL-1.2
"""What an evaluation returns: per service a status, amount, period, explanation, questions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Status(StrEnum):
    ENTITLED = "entitled"
    NOT_ENTITLED = "not_entitled"
    NEED_MORE_INFO = "need_more_info"


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"
    VALUE = "value"  # a computed value, not a condition


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    def in_(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class ValueUsed:
    """A value of a variable for one person (`person_id`) or the household (None)."""

    person_id: str | None
    value: bool | int | float | dt.date | None  # None: not known
    source: str | None  # where an input came from; None for computed values


@dataclass(frozen=True)
class ParameterUsed:
    name: str
    value: float | int | bool
    label: Text
    reference: str
    illustrative: bool


@dataclass(frozen=True)
class Explanation:
    """One checked rule: its label, values, outcome, the law, parameters and sub-rules."""

    variable: str
    period: str
    label: Text
    reference: str
    outcome: Outcome
    values: tuple[ValueUsed, ...]
    parameters: tuple[ParameterUsed, ...]
    children: tuple[Explanation, ...]

    def walk(self) -> tuple[Explanation, ...]:
        """This node and every node below it, depth first."""
        return (self, *(node for child in self.children for node in child.walk()))


@dataclass(frozen=True)
class MissingInput:
    """A fact the rules need and do not have, with the question to ask."""

    field: str
    person_id: str | None
    question: Text


@dataclass(frozen=True)
class ServiceResult:
    service: str
    status: Status
    amount: Decimal | None
    period: str  # the amount is per "quarter", "month" or "year"
    start_date: dt.date | None
    explanation: tuple[Explanation, ...]  # one node per condition, then the amount
    missing: tuple[MissingInput, ...]
    label: Text


@dataclass(frozen=True)
class Evaluation:
    subject_id: str
    on: dt.date
    results: tuple[ServiceResult, ...]

    def result(self, service: str) -> ServiceResult:
        return next(result for result in self.results if result.service == service)
