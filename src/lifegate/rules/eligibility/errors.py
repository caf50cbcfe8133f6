# SPDX-License-Identifier: EUPL-1.2
"""`SituationError`: an impossible or malformed situation, naming each offending field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One offending field: a JSON-pointer-like path, a stable code and an English message."""

    field: str
    code: str
    message: str


class SituationError(ValueError):
    """The situation cannot be evaluated; the API answers 422 with `problems`."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in self.problems))
