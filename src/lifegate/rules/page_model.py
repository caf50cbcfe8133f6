# SPDX-License-Identifier: EUPL-1.2
"""An evaluation as the entitlements page shows it, in one language (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lifegate.rules.eligibility import Explanation, Outcome, ServiceResult, Status, headline

_SOURCES = {
    "registry:brp": ("Basisregistratie Personen (BRP)", "Personal Records Database (BRP)"),
    "registry:income": ("Belastingdienst: inkomen en vermogen", "Tax Administration: income"),
    "registry:zvw": ("Uw zorgverzekeraar", "Your health insurer"),
    "citizen": ("Uw eigen antwoord", "Your own answer"),
    "eidas": ("Uw buitenlandse eID (eIDAS)", "Your foreign eID (eIDAS)"),
}
_ARTICLE = re.compile(r"(BWBR\d{7}).*?artikel=([\w.:]+)")
KINDS = {
    "birth_date": "date",
    "yearly_income": "number",
    "assets": "number",
    "monthly_rent": "number",
    "partner": "yesno",
}


def source_label(source: str | None, lang: str) -> str:
    if source is None:
        return "berekend" if lang == "nl" else "computed"
    nl, en = _SOURCES.get(source, (source, source))
    return en if lang == "en" else nl


def law_label(reference: str, lang: str) -> str:
    found = _ARTICLE.search(reference)
    word = "Artikel" if lang == "nl" else "Article"
    return f"{word} {found.group(2)} ({found.group(1)})" if found else reference


@dataclass(frozen=True)
class Question:
    key: str  # "person id:field", "@home:field" for the home
    text: str
    kind: str  # date, number, yesno


def node_view(node: Explanation, lang: str) -> dict[str, Any]:
    return {
        "label": node.label.in_(lang),
        "outcome": node.outcome.value,
        "law": node.reference,
        "law_label": law_label(node.reference, lang),
        "values": [
            {"who": v.person_id, "value": v.value, "source": source_label(v.source, lang)}
            for v in node.values
        ],
        "parameters": [
            {
                "label": p.label.in_(lang),
                "value": p.value,
                "law": p.reference,
                "law_label": law_label(p.reference, lang),
                "illustrative": p.illustrative,
            }
            for p in node.parameters
        ],
        "children": [node_view(child, lang) for child in node.children],
    }


def result_view(result: ServiceResult, lang: str) -> dict[str, Any]:
    failed = next((n for n in result.explanation if n.outcome is Outcome.FAIL), None)
    questions = [
        Question(
            f"{m.person_id or '@home'}:{m.field}", m.question.in_(lang), KINDS.get(m.field, "yesno")
        )
        for m in result.missing
    ]
    return {
        "id": result.service,
        "label": result.label.in_(lang),
        "status": result.status.value,
        "entitled": result.status is Status.ENTITLED,
        "amount": result.amount,
        "period": result.period,
        "start_date": result.start_date,
        "headline": headline(result, lang),
        "reason": failed.label.in_(lang) if failed else "",
        "reason_law": failed.reference if failed else "",
        "reason_law_label": law_label(failed.reference, lang) if failed else "",
        "questions": questions,
        "steps": [node_view(node, lang) for node in result.explanation],
    }
