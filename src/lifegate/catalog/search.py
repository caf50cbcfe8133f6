# SPDX-License-Identifier: EUPL-1.2
"""Text search over the catalog in every language at once. Pure: no Django, no IO.

Each service and event is indexed by the words and the stems of its texts in Dutch and
English (`lifegate.catalog.text`). A query word matches a document when its stem in any
language is one of the document's stems, when it begins a longer word ("geboorte" finds
"geboorteaangifte": Dutch writes compounds as one word), or when it is within a typo or
two of one of the document's words. Every query word must match; names weigh most.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lifegate.catalog import text
from lifegate.catalog.cpsv.model import Catalog, Event, LangText, Service

# How much a match in each part of a document counts; the name says most about it.
_WEIGHTS = {"name": 3.0, "description": 1.0, "detail": 0.5}
# A prefix or a typo is a weaker sign than the word itself.
_EXACT, _PREFIX, _FUZZY = 1.0, 0.6, 0.5
_MIN_PREFIX = 4


@dataclass(frozen=True)
class Hit:
    """A matching service or event (`kind` is "service" or "event") with its score."""

    kind: str
    id: str
    score: float


@dataclass
class SearchIndex:
    """Postings from a term (a word or a stem) to the documents and weights it occurs in."""

    postings: dict[str, dict[tuple[str, str], float]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    words: set[str] = field(default_factory=set)

    def add(self, document: tuple[str, str], texts: list[LangText], weight: float) -> None:
        for language_map in texts:
            for language, content in language_map.items():
                for word in text.tokens(content, language):
                    self.words.add(word)
                    for term in {word, text.stem(word, language)}:
                        current = self.postings[term].get(document, 0.0)
                        self.postings[term][document] = max(current, weight)

    def search(self, query: str, kinds: tuple[str, ...] = ("service", "event")) -> list[Hit]:
        """Documents matching every word of `query`, best first (empty for an empty query)."""
        words = [w for lang in text.LANGUAGES for w in text.tokens(query, lang)]
        unique = list(dict.fromkeys(words))
        if not unique:
            return []
        scores: dict[tuple[str, str], float] | None = None
        for word in unique:
            found = self._match(word)
            scores = found if scores is None else _both(scores, found)
        hits = [Hit(k, i, round(s, 3)) for (k, i), s in (scores or {}).items() if k in kinds]
        return sorted(hits, key=lambda h: (-h.score, h.kind, h.id))

    def _match(self, word: str) -> dict[tuple[str, str], float]:
        found: dict[tuple[str, str], float] = {}
        exact = {word} | {text.stem(word, lang) for lang in text.LANGUAGES}
        for term in exact:
            _merge(found, self.postings.get(term, {}), _EXACT)
        if len(word) >= _MIN_PREFIX:
            for longer in (w for w in self.words if w.startswith(word) and w != word):
                _merge(found, self.postings.get(longer, {}), _PREFIX)
        for near in text.fuzzy_matches(word, self.words):
            if near != word:
                _merge(found, self.postings.get(near, {}), _FUZZY)
        return found


def _merge(
    into: dict[tuple[str, str], float], add: dict[tuple[str, str], float], factor: float
) -> None:
    for document, weight in add.items():
        into[document] = max(into.get(document, 0.0), weight * factor)


def _both(
    a: dict[tuple[str, str], float], b: dict[tuple[str, str], float]
) -> dict[tuple[str, str], float]:
    return {document: a[document] + b[document] for document in a.keys() & b.keys()}


def build_index(catalog: Catalog) -> SearchIndex:
    """An index of every service and event of `catalog`."""
    index = SearchIndex()
    for service in catalog.services:
        _add_service(index, service)
    for event in catalog.events:
        _add_event(index, event)
    return index


def _add_service(index: SearchIndex, service: Service) -> None:
    document = ("service", service.id)
    index.add(document, [service.name], _WEIGHTS["name"])
    index.add(document, [service.description, service.output.name], _WEIGHTS["description"])
    details = [*service.steps, *(r.name for r in service.requirements), service.output.description]
    index.add(document, details, _WEIGHTS["detail"])


def _add_event(index: SearchIndex, event: Event) -> None:
    document = ("event", event.id)
    index.add(document, [event.name], _WEIGHTS["name"])
    index.add(document, [event.description, event.eu_type_label], _WEIGHTS["description"])
