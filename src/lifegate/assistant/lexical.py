# SPDX-License-Identifier: EUPL-1.2
"""Lexical matching: BM25 over the catalog's wording and the curated synonyms, per language,
with the catalog's stemming, accent folding and typo tolerance (`lifegate.catalog.text`).

Pure: no Django, no IO.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from lifegate.assistant.documents import LANGUAGES, Target
from lifegate.catalog import text


@dataclass(frozen=True)
class LexicalWeights:
    """Field boosts and BM25 constants (tuned on the development part of the evaluation set)."""

    name: float = 3.0
    synonym: float = 2.0
    description: float = 1.0
    phrase: float = 1.5  # bonus per word of a multi-word synonym found whole
    typo: float = 0.7  # a word matched with a typo counts this much
    k1: float = 1.2
    b: float = 0.75


@dataclass
class LexicalHit:
    """How one target matched: its score and the question's words that matched it."""

    score: float = 0.0
    words: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)

    def add_word(self, word: str) -> None:
        if word not in self.words:
            self.words.append(word)


@dataclass(frozen=True)
class QueryTerm:
    word: str  # as the citizen wrote it (folded)
    term: str  # the indexed stem it matched
    weight: float  # 1, or less when matched with a typo


class LanguageIndex:
    """BM25 over the targets' texts and synonyms in one language."""

    def __init__(self, targets: Sequence[Target], lang: str, weights: LexicalWeights) -> None:
        self.lang, self.weights, self.targets = lang, weights, tuple(targets)
        self.tf: list[dict[str, float]] = [self._bag(t) for t in self.targets]
        lengths = [sum(bag.values()) for bag in self.tf]
        self.avg_length = sum(lengths) / max(len(lengths), 1)
        self.lengths = lengths
        df: Counter[str] = Counter(term for bag in self.tf for term in bag)
        n = len(self.targets)
        self.idf = {term: math.log(1 + (n - d + 0.5) / (d + 0.5)) for term, d in df.items()}
        self.surface = self._surface_words()
        self.phrases = self._phrases()

    def _bag(self, target: Target) -> dict[str, float]:
        bag: dict[str, float] = defaultdict(float)
        texts = target.texts.get(self.lang, ())
        for i, value in enumerate(texts):
            boost = self.weights.name if i == 0 else self.weights.description
            for term in text.terms(value, self.lang):
                bag[term] += boost
        for phrase in target.synonyms.get(self.lang, ()):
            for term in text.terms(phrase, self.lang):
                bag[term] += self.weights.synonym
        return dict(bag)

    def _surface_words(self) -> dict[tuple[int, int, str], dict[str, str]]:
        """Indexed words with their stems, by (length, letter position, letter): a typo
        rarely hits both of the first two letters, so only words sharing one are compared."""
        buckets: dict[tuple[int, int, str], dict[str, str]] = defaultdict(dict)
        for target in self.targets:
            phrases = (*target.texts.get(self.lang, ()), *target.synonyms.get(self.lang, ()))
            for value in phrases:
                for word in text.tokens(value, self.lang):
                    for position in (0, 1):
                        key = (len(word), position, word[position : position + 1])
                        buckets[key][word] = text.stem(word, self.lang)
        return dict(buckets)

    def _phrases(self) -> list[tuple[int, str, frozenset[str]]]:
        found = []
        for index, target in enumerate(self.targets):
            for phrase in target.synonyms.get(self.lang, ()):
                terms = frozenset(text.terms(phrase, self.lang))
                if terms:
                    found.append((index, phrase, terms))
        return found

    def exact_words(self, question: str) -> set[str]:
        """The question's words this language indexes as they are (no typo needed)."""
        return {w for w in text.tokens(question, self.lang) if text.stem(w, self.lang) in self.idf}

    def resolve(self, question: str, known: frozenset[str] = frozenset()) -> list[QueryTerm]:
        """The question's words as indexed terms: exact stems first, else the nearest word
        within the typo allowance of its length — unless another language knows the word as
        it is ("passed" is English, not a typo of a Dutch word)."""
        resolved = []
        for word in text.tokens(question, self.lang):
            term = text.stem(word, self.lang)
            if term in self.idf:
                resolved.append(QueryTerm(word, term, 1.0))
                continue
            if word in known:
                continue
            near = self._nearest(word)
            if near is not None:
                resolved.append(QueryTerm(word, near, self.weights.typo))
        return resolved

    def _nearest(self, word: str) -> str | None:
        allowed = text.max_typos(word)
        if allowed == 0:
            return None
        stems: dict[str, str] = {}
        for length in range(len(word) - allowed, len(word) + allowed + 1):
            for position in (0, 1):
                key = (length, position, word[position : position + 1])
                stems.update(self.surface.get(key, {}))
        matches = text.fuzzy_matches(word, stems, allowed)
        return stems[matches[0]] if matches else None

    def score(self, question: str, known: frozenset[str] = frozenset()) -> list[LexicalHit]:
        """One hit per target, in the order of `targets`."""
        query = self.resolve(question, known)
        hits = [LexicalHit() for _ in self.targets]
        w = self.weights
        for q in query:
            idf = self.idf[q.term]
            for i, bag in enumerate(self.tf):
                tf = bag.get(q.term, 0.0)
                if not tf:
                    continue
                norm = w.k1 * (1 - w.b + w.b * self.lengths[i] / self.avg_length)
                hits[i].score += q.weight * idf * tf * (w.k1 + 1) / (tf + norm)
                hits[i].add_word(q.word)
        self._score_phrases(query, hits)
        return hits

    def _score_phrases(self, query: list[QueryTerm], hits: list[LexicalHit]) -> None:
        present = {q.term for q in query}
        for index, phrase, terms in self.phrases:
            if terms <= present:
                hit = hits[index]
                hit.score += self.weights.phrase * len(terms)
                if phrase not in hit.synonyms:
                    hit.synonyms.append(phrase)


class LexicalIndex:
    """One `LanguageIndex` per language; a target's score is its best over the languages,
    because a question's language is not known (an English question on the Dutch page)."""

    def __init__(self, targets: Sequence[Target], weights: LexicalWeights | None = None) -> None:
        self.weights = weights or LexicalWeights()
        self.by_lang = {lang: LanguageIndex(targets, lang, self.weights) for lang in LANGUAGES}

    def score(self, question: str) -> list[LexicalHit]:
        known = frozenset().union(*(i.exact_words(question) for i in self.by_lang.values()))
        per_lang = [index.score(question, known) for index in self.by_lang.values()]
        return [max(options, key=lambda hit: hit.score) for options in zip(*per_lang, strict=True)]
