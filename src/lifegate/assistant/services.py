# SPDX-License-Identifier: EUPL-1.2
"""The assistant block's door: the service finder, its feedback, what officials see, the
algorithm register and the evaluation. Other blocks and the views use only this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from lifegate.assistant import evaluation, finder, stats
from lifegate.assistant.estimates import Estimate, from_rules
from lifegate.assistant.models import EvaluationRun
from lifegate.assistant.query import MAX_LENGTH, clean
from lifegate.assistant.ranker import Result
from lifegate.assistant.register import Entry, load_register
from lifegate.identity.services import Citizen

__all__ = [
    "MAX_LENGTH",
    "Answer",
    "Contact",
    "Estimate",
    "contact_for",
    "estimates",
    "known_ids",
    "missed_questions",
    "not_what_i_meant",
    "register_entries",
    "run_evaluation",
    "search",
]
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Answer:
    """The cleaned question, whether it was cut to `MAX_LENGTH`, and the results."""

    question: str
    trimmed: bool
    results: tuple[Result, ...]


def _language(lang: str) -> str:
    return lang if lang in LANGUAGES else "nl"


def search(raw: str | None, lang: str, *, limit: int = 10, record: bool = True) -> Answer:
    """Rank the life events and services for a citizen's question, best first."""
    lang = _language(lang)
    question = clean(raw)
    if not question.text:
        return Answer("", question.trimmed, ())
    results = tuple(finder.current().ranker.search(question.text, lang, limit=limit))
    if record:
        stats.record_search(question.text, lang, found=bool(results))
    return Answer(question.text, question.trimmed, results)


def not_what_i_meant(raw: str | None, lang: str, target: str = "") -> None:
    """Count a "this is not what I meant" for the question (and the result it was about)."""
    question = clean(raw)
    known = known_ids()
    if question.text:
        stats.record_not_meant(question.text, _language(lang), target if target in known else "")


def missed_questions() -> list[stats.Missed]:
    """What citizens searched for and did not find, aggregated, for officials."""
    return stats.missed(settings.ASSISTANT_MIN_COUNT)


def known_ids() -> set[str]:
    """The ids of every life event and service in the catalog."""
    catalog = finder.catalog()
    return {e.id for e in catalog.events} | {s.id for s in catalog.services}


@dataclass(frozen=True)
class Contact:
    """A person to talk to: the organisation's contact point for the top result."""

    organisation: str
    phone: str
    email: str
    page: str
    hours: str


def contact_for(target_id: str, lang: str) -> Contact | None:
    """Whom to call about a life event or service (the first competent organisation)."""
    catalog = finder.catalog()
    services = [s for s in catalog.services if s.id == target_id or target_id in s.events]
    if not services:
        return None
    points = {c.id: c for c in catalog.contact_points}
    names = {o.id: o.name for o in catalog.organisations}
    point = points.get(services[0].contact_points[0]) if services[0].contact_points else None
    if point is None:
        return None
    name = names.get(point.organisation, {})
    hours = point.hours.get(lang) or point.hours.get("nl", "")
    return Contact(
        name.get(lang) or name.get("nl", ""), point.phone, point.email, point.page, hours
    )


def estimates(citizen: Citizen | None, results: Sequence[Result], lang: str) -> list[Estimate]:
    """For a signed-in citizen: the services among the results (and of the life events
    among them) they are likely entitled to, from the rules' latest proactive run."""
    if citizen is None:
        return []
    catalog = finder.catalog()
    events = {r.id for r in results if r.kind != "service"}
    wanted = [r.id for r in results if r.kind == "service"]
    wanted += [s.id for s in catalog.services if events & set(s.events) and s.id not in wanted]
    names = {s.id: s.name.get(_language(lang)) or s.name.get("nl", s.id) for s in catalog.services}
    return from_rules(citizen, wanted, names)


def register_entries() -> list[Entry]:
    """The algorithm register, the finder's entry completed with the latest evaluation."""
    entries = load_register()
    latest = EvaluationRun.objects.first()
    if latest is None:
        return entries
    figures = {lang: _figures(latest, lang) for lang in LANGUAGES}
    return [e.with_evaluation(figures) if e.id == "service-finder" else e for e in entries]


def _figures(run: EvaluationRun, lang: str) -> str:
    held = run.scores.get("held-out", {})
    parts = []
    for code in LANGUAGES:
        s = held.get(code, {})
        parts.append(
            f"{code.upper()} top-1 {s.get('top1', 0):.0%}, top-3 {s.get('top3', 0):.0%}, "
            f"MRR {s.get('mrr', 0):.2f}"
        )
    blind = run.scores.get("blind", {})
    blind_top3 = ", ".join(f"{c.upper()} {blind.get(c, {}).get('top3', 0):.0%}" for c in LANGUAGES)
    when = f"{run.created_at:%Y-%m-%d}"
    if lang == "nl":
        return (
            f"Laatste evaluatie ({when}, {run.cases} vragen, model {run.model}), apart gezette "
            f"vragen: {'; '.join(parts)}. Blinde vragen top-3: {blind_top3}."
        )
    return (
        f"Latest evaluation ({when}, {run.cases} questions, model {run.model}), held-out "
        f"questions: {'; '.join(parts)}. Blind questions top-3: {blind_top3}."
    )


def run_evaluation(*, save: bool = True) -> evaluation.Report:
    """Evaluate the finder on the evaluation set (nothing is counted as a citizen's search)."""
    ranker = finder.current().ranker

    def ranked(question: str, lang: str) -> list[str]:
        return [r.id for r in ranker.search(question, lang)]

    report = evaluation.evaluate(ranked, evaluation.load_cases())
    if save:
        model = ranker.embedder.name if ranker.embedder is not None else "lexical only"
        EvaluationRun.objects.create(
            model=model,
            cases=len(report.outcomes),
            scores=report.as_dict(),
            meets_targets=report.meets_targets(),
        )
    return report
