# SPDX-License-Identifier: EUPL-1.2
"""What a check says, and the registry of checks. Pure: no Django, no IO."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 - a status word, not a password
    FAIL = "fail"
    MANUAL = "manual"  # could not be proven automatically here; a person must look


@dataclass(frozen=True)
class Outcome:
    """The verdict of one check with the evidence behind it (one line per fact)."""

    status: Status
    evidence: tuple[str, ...] = ()

    @classmethod
    def of(cls, problems: list[str], proven: list[str]) -> Outcome:
        """FAIL listing `problems` when there are any, else PASS listing what was proven."""
        if problems:
            return cls(Status.FAIL, tuple(problems))
        return cls(Status.PASS, tuple(proven))


@dataclass(frozen=True)
class Check:
    """An automated check: a stable id (named by the measures table), a title and a runner."""

    id: str
    title: str
    run: Callable[[], Outcome] = field(compare=False)


class CheckRegistry:
    """Checks by id, in the order registered; a duplicate id is a programming error."""

    def __init__(self) -> None:
        self._checks: dict[str, Check] = {}

    def register(self, check: Check) -> None:
        if check.id in self._checks:
            raise ValueError(f"check {check.id!r} is registered twice")
        self._checks[check.id] = check

    def __contains__(self, check_id: object) -> bool:
        return check_id in self._checks

    def __iter__(self) -> Iterator[Check]:
        return iter(self._checks.values())

    def __len__(self) -> int:
        return len(self._checks)

    def get(self, check_id: str) -> Check:
        return self._checks[check_id]
