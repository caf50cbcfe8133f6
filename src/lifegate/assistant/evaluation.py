# SPDX-License-Identifier: EUPL-1.2
"""The finder's evaluation: labelled questions in Dutch and English, top-1 and top-3
accuracy and mean reciprocal rank, overall, per language and per split. Pure: no Django;
IO only to read the YAML files.

About 30 % of the questions is *held out* by a hash of the question, decided before any
tuning: synonyms and weights are tuned on the development part only, and the targets are
checked on the held-out part. The *blind* questions were written after synonyms and weights
were frozen, and are reported on their own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

CONTENT = Path(__file__).parent / "content"
SET_FILES = (
    CONTENT / "evaluation-nl.yaml",
    CONTENT / "evaluation-en.yaml",
    CONTENT / "evaluation-blind-nl.yaml",
    CONTENT / "evaluation-blind-en.yaml",
)
PARTS = ("development", "held-out", "blind")
HELD_OUT_PERCENT = 30
TARGET_TOP3 = 0.90
TARGET_GAP = 0.05

Search = Callable[[str, str], Sequence[str]]  # (question, lang) -> ranked ids


@dataclass(frozen=True)
class Case:
    question: str
    lang: str
    expected: frozenset[str]
    blind: bool = False

    @property
    def part(self) -> str:
        if self.blind:
            return "blind"
        return "held-out" if held_out(self.lang, self.question) else "development"


def held_out(lang: str, question: str) -> bool:
    """Whether a question belongs to the held-out part (stable: a hash of the question)."""
    digest = hashlib.sha256(f"{lang}:{question}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < HELD_OUT_PERCENT


def load_cases(files: Iterable[Path] = SET_FILES) -> list[Case]:
    cases = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        lang, blind = str(document["language"]), bool(document.get("blind", False))
        for question, expected in document["queries"]:
            cases.append(Case(str(question), lang, frozenset(str(e) for e in expected), blind))
    return cases


@dataclass(frozen=True)
class Scores:
    count: int
    top1: float
    top3: float
    mrr: float


def rank_of(ranked: Sequence[str], expected: frozenset[str]) -> int | None:
    """1-based rank of the first right answer, or None when none is in the list."""
    for position, identifier in enumerate(ranked, start=1):
        if identifier in expected:
            return position
    return None


def score(ranks: Sequence[int | None]) -> Scores:
    n = len(ranks)
    if n == 0:
        return Scores(0, 0.0, 0.0, 0.0)
    top1 = sum(1 for r in ranks if r == 1) / n
    top3 = sum(1 for r in ranks if r is not None and r <= 3) / n
    mrr = sum(1 / r for r in ranks if r is not None) / n
    return Scores(n, round(top1, 4), round(top3, 4), round(mrr, 4))


@dataclass(frozen=True)
class Outcome:
    case: Case
    ranked: tuple[str, ...]
    rank: int | None


@dataclass(frozen=True)
class Report:
    """Scores by part ("all" or one of `PARTS`) and language ("all", "nl", "en")."""

    outcomes: tuple[Outcome, ...]

    def scores(self, part: str = "all", lang: str = "all") -> Scores:
        return score([o.rank for o in self._select(part, lang)])

    def failures(self, part: str = "development", k: int = 3) -> list[Outcome]:
        return [o for o in self._select(part, "all") if o.rank is None or o.rank > k]

    def _select(self, part: str, lang: str) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if lang in ("all", o.case.lang) and part in ("all", o.case.part)
        ]

    def gap(self, part: str = "all") -> float:
        return round(abs(self.scores(part, "nl").top3 - self.scores(part, "en").top3), 4)

    def meets_targets(self, part: str = "held-out") -> bool:
        per_lang = [self.scores(part, lang).top3 for lang in ("nl", "en")]
        return min(per_lang) >= TARGET_TOP3 and self.gap(part) <= TARGET_GAP

    def as_dict(self) -> dict[str, dict[str, dict[str, float]]]:
        return {
            part: {lang: self.scores(part, lang).__dict__ for lang in ("all", "nl", "en")}
            for part in ("all", *PARTS)
        }


def evaluate(search: Search, cases: Sequence[Case]) -> Report:
    outcomes = []
    for case in cases:
        ranked = tuple(search(case.question, case.lang))
        outcomes.append(Outcome(case, ranked, rank_of(ranked, case.expected)))
    return Report(tuple(outcomes))


def format_report(report: Report) -> str:
    lines = [f"{'part':<12} {'lang':<4} {'n':>4} {'top-1':>7} {'top-3':>7} {'MRR':>7}"]
    for part in ("all", *PARTS):
        for lang in ("all", "nl", "en"):
            s = report.scores(part, lang)
            lines.append(
                f"{part:<12} {lang:<4} {s.count:>4} {s.top1:>7.1%} {s.top3:>7.1%} {s.mrr:>7.3f}"
            )
    for part in ("held-out", "blind"):
        lines.append(f"top-3 gap between languages ({part}): {report.gap(part):.1%}")
    verdict = "met" if report.meets_targets() else "NOT met"
    lines.append(f"targets (top-3 >= 90 % per language, gap <= 5 points, held-out): {verdict}")
    return "\n".join(lines)
