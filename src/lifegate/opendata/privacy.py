# SPDX-License-Identifier: EUPL-1.2
"""Differential privacy through OpenDP: noisy counts, private quantiles, the parameters.

Every number in a release comes out of an OpenDP measurement, and the privacy loss of
each query is what OpenDP's own privacy map says (`measurement.map(d_in)`), so the budget
we record is the library's figure, not ours. Pure: no Django, no IO.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import opendp.prelude as dp

dp.enable_features("contrib")

DAY_CANDIDATES: tuple[int, ...] = (
    *range(0, 15),
    *range(21, 92, 7),
    *range(120, 366, 30),
)
"""Processing times (days) a private quantile may answer: daily up to two weeks, then
weekly up to three months, then monthly; a coarse grid keeps the answer useful at ε ≤ 1."""


@dataclass(frozen=True)
class PrivacyParameters:
    """What protects a release; all of it is published with the release.

    `max_contributions` bounds how many records one person adds to one measure of a
    release (more are dropped), so it is the sensitivity of each count (L1, add/remove one
    person). Counts below `min_cell` are suppressed; quantiles need `min_cell_quantile`.
    """

    epsilon_per_count: float = 0.5
    epsilon_per_quantile: float = 0.25
    max_contributions: int = 3
    min_cell: int = 10
    min_cell_quantile: int = 30
    yearly_epsilon: float = 72.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QuerySpend:
    """The privacy loss (pure ε-DP, δ = 0) of one query of a release."""

    table: str
    measure: str
    epsilon: float


def _count_measurement(scale: float) -> Any:
    domain = dp.vector_domain(dp.atom_domain(T=int))
    return dp.m.make_laplace(domain, dp.l1_distance(T=int), scale=scale)


def noisy_counts(counts: Sequence[int], params: PrivacyParameters) -> tuple[list[int], float]:
    """Discrete Laplace noise on a vector of counts, and the ε OpenDP says it costs."""
    sensitivity = params.max_contributions
    measurement = _count_measurement(sensitivity / params.epsilon_per_count)
    epsilon = float(measurement.map(sensitivity))
    if not counts:
        return [], epsilon
    return [int(value) for value in measurement(list(counts))], epsilon


@functools.lru_cache(maxsize=16)
def _quantile_measurement(alpha: float, epsilon: float) -> Any:
    domain = dp.vector_domain(dp.atom_domain(T=int))

    def make(scale: float) -> Any:
        return dp.m.make_private_quantile(
            domain,
            dp.symmetric_distance(),
            dp.max_divergence(),
            candidates=list(DAY_CANDIDATES),
            alpha=alpha,
            scale=scale,
        )

    return make(dp.binary_search_param(make, d_in=1, d_out=epsilon))


def private_quantile(
    values: Sequence[int], alpha: float, params: PrivacyParameters
) -> tuple[int, float]:
    """A private `alpha`-quantile of one cell's values and its ε for one person's record."""
    measurement = _quantile_measurement(alpha, params.epsilon_per_quantile)
    clamped = [min(max(int(v), 0), DAY_CANDIDATES[-1]) for v in values]
    return int(measurement(clamped)), float(measurement.map(1))


def suppress(value: int, threshold: int) -> int | None:
    """A noisy count, or None when it is below the threshold (post-processing: no ε)."""
    return value if value >= threshold else None
