# SPDX-License-Identifier: EUPL-1.2
"""Render a service result and its explanation tree as plain words, in Dutch or English.

print(explain(evaluation.result("kinderbijslag"), "en"))
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lifegate.rules.eligibility.result import (
    Explanation,
    Outcome,
    ParameterUsed,
    ServiceResult,
    Status,
    ValueUsed,
)

_PERIODS = {
    "quarter": ("per kwartaal", "per quarter"),
    "month": ("per maand", "per month"),
    "year": ("per jaar", "per year"),
}
_MARKS = {Outcome.PASS: "✓", Outcome.FAIL: "✗", Outcome.UNKNOWN: "?", Outcome.VALUE: "•"}
_WORDS = {
    "law": ("wet", "law"),
    "source": ("bron", "source"),
    "unknown": ("onbekend", "unknown"),
    "illustrative": ("illustratief, nog te bevestigen", "illustrative, to be confirmed"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
}


def _word(key: str, lang: str) -> str:
    nl, en = _WORDS[key]
    return en if lang == "en" else nl


def money(amount: Decimal | float, lang: str) -> str:
    text = f"{amount:,.2f}"
    return (
        f"€ {text}"
        if lang == "en"
        else "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")
    )


def _day(day: dt.date, lang: str) -> str:
    return day.isoformat() if lang == "en" else f"{day:%d-%m-%Y}"


def _value(value: object, lang: str) -> str:
    if value is None:
        return _word("unknown", lang)
    if isinstance(value, bool):
        return _word("yes" if value else "no", lang)
    if isinstance(value, dt.date):
        return _day(value, lang)
    if isinstance(value, float):
        return f"{value:,.2f}" if lang == "en" else f"{value:.2f}".replace(".", ",")
    return str(value)


def _values(values: tuple[ValueUsed, ...], lang: str) -> str:
    parts = []
    for used in values:
        text = _value(used.value, lang)
        if used.person_id is not None and len(values) > 1:
            text = f"{used.person_id}: {text}"
        if used.source:
            text += f" ({_word('source', lang)}: {used.source})"
        parts.append(text)
    return ", ".join(parts)


def _parameter(parameter: ParameterUsed, lang: str) -> str:
    mark = f" ({_word('illustrative', lang)})" if parameter.illustrative else ""
    number = (
        f"{parameter.value:g}" if not isinstance(parameter.value, bool) else str(parameter.value)
    )
    if lang != "en":
        number = number.replace(".", ",")
    return (
        f"{parameter.label.in_(lang)}: {number}{mark} [{_word('law', lang)}: {parameter.reference}]"
    )


def _lines(node: Explanation, lang: str, depth: int, seen: set[str]) -> list[str]:
    """The node, its parameters and its sub-rules; a sub-rule shown before is not repeated."""
    pad = "  " * depth
    law = f"[{_word('law', lang)}: {node.reference}]"
    lines = [
        f"{pad}{_MARKS[node.outcome]} {node.label.in_(lang)}: {_values(node.values, lang)} {law}"
    ]
    key = f"{node.variable}<{node.period}>"
    if key in seen and depth > 1:
        return lines
    seen.add(key)
    lines.extend(f"{pad}    - {_parameter(p, lang)}" for p in node.parameters)
    for child in node.children:
        lines.extend(_lines(child, lang, depth + 1, seen))
    return lines


def headline(result: ServiceResult, lang: str) -> str:
    """One sentence: entitled with amount, period and start; not entitled; or what we need."""
    en = lang == "en"
    name = result.label.in_(lang)
    if result.status is Status.ENTITLED and result.amount is not None:
        nl_period, en_period = _PERIODS[result.period]
        start = _day(result.start_date, lang) if result.start_date else ""
        if en:
            return f"{name}: entitled to {money(result.amount, lang)} {en_period} from {start}."
        return f"{name}: recht op {money(result.amount, lang)} {nl_period} vanaf {start}."
    if result.status is Status.NOT_ENTITLED:
        failed = [n.label.in_(lang) for n in result.explanation if n.outcome is Outcome.FAIL]
        reason = "; ".join(failed) or ("the amount is zero" if en else "het bedrag is nul")
        because = "not entitled, because not met" if en else "geen recht, want niet voldaan"
        return f"{name}: {because}: {reason}."
    questions = " ".join(m.question.in_(lang) for m in result.missing)
    more = "we need to know more" if en else "we hebben meer informatie nodig"
    return f"{name}: {more}. {questions}"


def explain(result: ServiceResult, lang: str = "nl") -> str:
    """The headline, then every condition checked with values, sources and the law."""
    lines, seen = [headline(result, lang)], set[str]()
    for node in result.explanation:
        lines.extend(_lines(node, lang, 1, seen))
    return "\n".join(lines)
