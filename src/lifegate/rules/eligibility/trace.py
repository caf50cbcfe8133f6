# SPDX-License-Identifier: EUPL-1.2
"""A light tracer: what the explanation needs of a calculation, recorded as it happens.

OpenFisca's `FullTracer` keeps a tree node for every read (cache hits too), with start and
end times, which `tree.flat_trace` then walked to key each `variable<period>` by its first
calculation. `ExplanationTracer` writes that flat trace directly: per key the dependencies
read (cache reads included, in order), the parameters used and the value, the first
calculation of a key kept, as before. It has the interface `Simulation` calls
(`stack`, `record_*`) and is set after `simulation.trace = True`, which makes formulas read
parameters through OpenFisca's `TracingParameterNodeAtInstant`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from openfisca_core import periods

# str(Period) formats the period each time; a household's few periods are formatted once.
_PERIOD_TEXT: dict[Any, str] = {}


def period_text(period: Any) -> str:
    text = _PERIOD_TEXT.get(period)
    if text is None:
        if len(_PERIOD_TEXT) > 10_000:  # bounded: periods of other dates in a long-lived server
            _PERIOD_TEXT.clear()
        text = _PERIOD_TEXT[period] = str(period)
    return text


@lru_cache(maxsize=4096)
def parsed_period(text: str) -> Any:
    """`periods.period(text)`, parsed once per process (OpenFisca parses on every call)."""
    return periods.period(text)


class ExplanationTracer:
    """Each computed `variable<period>`: `{"dependencies", "parameters", "value"}`."""

    def __init__(self) -> None:
        self.stack: list[dict[str, Any]] = []  # as OpenFisca's: cycle detection reads it
        self.trace: dict[str, dict[str, Any]] = {}
        self._entries: list[dict[str, Any] | None] = []  # per stack frame; None: a re-read

    def record_calculation_start(self, variable: str, period: Any) -> None:
        self.stack.append({"name": variable, "period": period})
        key = f"{variable}<{period_text(period)}>"
        if self._entries and (parent := self._entries[-1]) is not None:
            parent["dependencies"].append(key)
        if key in self.trace:
            self._entries.append(None)
        else:
            entry: dict[str, Any] = {"dependencies": [], "parameters": {}, "value": None}
            self.trace[key] = entry
            self._entries.append(entry)

    def record_parameter_access(self, parameter: str, period: Any, value: Any) -> None:
        if self._entries and (entry := self._entries[-1]) is not None:
            entry["parameters"][f"{parameter}<{period}>"] = value

    def record_calculation_result(self, value: Any) -> None:
        if self._entries and (entry := self._entries[-1]) is not None:
            entry["value"] = value

    def record_calculation_end(self) -> None:
        self.stack.pop()
        self._entries.pop()

    def get_flat_trace(self) -> dict[str, dict[str, Any]]:
        """As OpenFisca's tracer names it (without the timings)."""
        return self.trace
