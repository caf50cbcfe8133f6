# SPDX-License-Identifier: EUPL-1.2
"""The privacy-loss accountant: a year's releases may not spend more than the yearly ε.

Releases of one calendar year compose sequentially (basic composition: the ε add up),
corrections included: a superseded version was public, so its loss stays spent.
Pure: no Django, no IO.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class BudgetExceededError(Exception):
    """Publishing would spend more than the year's privacy budget."""


@dataclass(frozen=True)
class Budget:
    year: int
    yearly_epsilon: float
    spent: float

    @property
    def remaining(self) -> float:
        return max(self.yearly_epsilon - self.spent, 0.0)


def budget(year: int, yearly_epsilon: float, spent: Iterable[float]) -> Budget:
    return Budget(year, yearly_epsilon, round(sum(spent), 9))


def authorise(current: Budget, epsilon: float) -> Budget:
    """The budget after spending `epsilon`; BudgetExceededError when it does not fit."""
    after = round(current.spent + epsilon, 9)
    if after > current.yearly_epsilon:
        raise BudgetExceededError(
            f"this release needs ε = {epsilon:g}, but {current.year} has only "
            f"{current.remaining:g} of its yearly ε = {current.yearly_epsilon:g} left "
            f"({current.spent:g} spent)"
        )
    return Budget(current.year, current.yearly_epsilon, after)
