# SPDX-License-Identifier: EUPL-1.2
"""The hybrid ranker: lexical (BM25 with synonyms) plus semantic (multilingual embeddings),
with an explanation of each result. Pure: no Django, no IO.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lifegate.assistant.documents import Target
from lifegate.assistant.lexical import LexicalHit, LexicalIndex, LexicalWeights
from lifegate.assistant.semantic import Embedder, SemanticIndex, Vectors


@dataclass(frozen=True)
class HybridWeights:
    """How lexical and semantic evidence combine (tuned on the development split)."""

    lexical: float = 0.6
    semantic: float = 0.4
    saturation: float = 4.0  # a BM25 score of this much counts half
    event_prior: float = 0.05  # a situation is more often a life event than one service
    semantic_floor: float = 0.80  # below this cosine a target is not similar at all
    # How far the best target stands out from the average one: nonsense and hostile input
    # is about equally (dis)similar to everything, a real situation is not.
    margin_none: float = 0.035
    margin_full: float = 0.05
    min_score: float = 0.12  # results below this are not shown


@dataclass(frozen=True)
class Result:
    """One ranked answer: a life event or a service, why it matched, and how strongly."""

    id: str
    kind: str
    name: str
    score: float
    lexical: float
    semantic: float
    words: tuple[str, ...]
    synonyms: tuple[str, ...]

    def explanation(self, lang: str) -> str:
        """One line: "matched: baby, birth → Birth of a child"."""
        in_phrases = {w for phrase in self.synonyms for w in phrase.casefold().split()}
        words = [*self.synonyms, *(w for w in self.words if w not in in_phrases)]
        if words:
            lead = "gevonden op" if lang == "nl" else "matched"
            return f"{lead}: {', '.join(words)} → {self.name}"
        lead = "lijkt in betekenis op" if lang == "nl" else "similar in meaning to"
        return f"{lead} → {self.name}"


class HybridRanker:
    def __init__(
        self,
        targets: Sequence[Target],
        embedder: Embedder | None,
        semantic: SemanticIndex | None = None,
        lexical_weights: LexicalWeights | None = None,
        weights: HybridWeights | None = None,
    ) -> None:
        self.targets = tuple(targets)
        self.lexical = LexicalIndex(self.targets, lexical_weights)
        self.embedder = embedder
        if embedder is not None and semantic is None:
            semantic = SemanticIndex.build(self.targets, embedder)
        self.semantic = semantic
        self.weights = weights or HybridWeights()

    def search(self, question: str, lang: str, limit: int = 10) -> list[Result]:
        """The targets that match `question`, best first; names in `lang`."""
        if not question.strip():
            return []
        hits = self.lexical.score(question)
        cosines = self._cosines(question)
        scores = self._combine(hits, cosines)
        order = np.argsort(-scores, kind="stable")[:limit]
        return [
            self._result(int(i), lang, float(scores[i]), hits[i], float(cosines[i]))
            for i in order
            if scores[i] >= self.weights.min_score
        ]

    def _cosines(self, question: str) -> Vectors:
        if self.embedder is None or self.semantic is None:
            return np.zeros(len(self.targets), dtype=np.float32)
        vector = self.embedder.embed([question], query=True)[0]
        return self.semantic.similarities(vector)

    def _combine(self, hits: list[LexicalHit], cosines: Vectors) -> Vectors:
        w = self.weights
        lexical = np.array([h.score for h in hits], dtype=np.float32)
        lexical_part = lexical / (lexical + w.saturation)
        semantic_part = np.zeros_like(lexical)
        top = float(cosines.max()) if len(cosines) else 0.0
        if top > w.semantic_floor:
            margin = top - float(cosines.mean())
            confidence = np.clip((margin - w.margin_none) / (w.margin_full - w.margin_none), 0, 1)
            relative = np.clip((cosines - w.semantic_floor) / (top - w.semantic_floor), 0, 1)
            semantic_part = relative * confidence
        prior = np.array([w.event_prior if t.kind != "service" else 0.0 for t in self.targets])
        evidence = (lexical_part > 0) | (semantic_part > 0)
        combined: Vectors = np.asarray(
            w.lexical * lexical_part + w.semantic * semantic_part + prior * evidence,
            dtype=np.float32,
        )
        return combined

    def _result(self, i: int, lang: str, score: float, hit: LexicalHit, cosine: float) -> Result:
        target = self.targets[i]
        return Result(
            id=target.id,
            kind=target.kind,
            name=target.name.get(lang) or target.name.get("nl") or target.id,
            score=round(score, 4),
            lexical=round(hit.score, 4),
            semantic=round(cosine, 4),
            words=tuple(hit.words),
            synonyms=tuple(hit.synonyms),
        )
