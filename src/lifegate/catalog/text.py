# SPDX-License-Identifier: EUPL-1.2
"""Text normalisation for search: accent folding, tokens, stems and typo-tolerant matching.

Pure: no Django, no IO. Shared by the catalog search and the assistant's service finder, so
both agree on what "the same word" means.

>>> fold("Aangifte geboorte — Één")
'aangifte geboorte — een'
>>> tokens("De aanvraag van de kinderbijslag", "nl")
['aanvraag', 'kinderbijslag']
>>> terms("Applying for benefits", "en")
['appli', 'benefit']
>>> edit_distance("kinderbijslag", "kinderbjislag")
1
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import snowballstemmer

__all__ = [
    "LANGUAGES",
    "edit_distance",
    "fold",
    "fuzzy_matches",
    "max_typos",
    "stem",
    "terms",
    "tokens",
]

#: Languages with a stemmer and stop words; any other language code is folded and split only.
#: Dutch uses the classic (Porter-style) Snowball stemmer: the newer "dutch" algorithm stems
#: "kinderbijslag" and "kinderbijslagen" differently, this one gives both "kinderbijslag".
LANGUAGES: dict[str, str] = {"nl": "dutch_porter", "en": "english"}

# Only the words that carry no meaning in a query about public services; a longer list would
# drop words such as "geen" ("no answer in time") that change what a citizen is asking.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "of",
            "van",
            "voor",
            "in",
            "op",
            "aan",
            "met",
            "bij",
            "naar",
            "om",
            "te",
            "is",
            "zijn",
            "als",
            "dat",
            "die",
            "dit",
            "er",
            "ik",
            "je",
            "u",
            "uw",
            "mijn",
            "wij",
            "we",
            "ze",
            "hoe",
            "wat",
            "wie",
            "waar",
            "wanneer",
            "kan",
            "moet",
            "ook",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "and",
            "or",
            "of",
            "for",
            "in",
            "on",
            "at",
            "to",
            "with",
            "by",
            "from",
            "is",
            "are",
            "be",
            "as",
            "that",
            "this",
            "it",
            "i",
            "you",
            "your",
            "my",
            "we",
            "they",
            "how",
            "what",
            "who",
            "where",
            "when",
            "can",
            "do",
            "does",
            "must",
            "also",
        ]
    ),
}

_WORD = re.compile(r"\w+")
# A Snowball stemmer keeps per-call state, so one instance must not run in two threads at once.
_STEMMER_LOCK = threading.Lock()


def fold(text: str) -> str:
    """Lowercase ``text`` and strip accents (``"Één"`` → ``"een"``, ``"ß"`` → ``"ss"``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def tokens(text: str, lang: str) -> list[str]:
    """The folded words of ``text``, without the stop words of ``lang``, in order."""
    stop = _STOP_WORDS.get(lang, frozenset())
    return [word for word in _WORD.findall(fold(text)) if word not in stop]


def stem(token: str, lang: str) -> str:
    """The Snowball stem of a folded ``token`` in ``lang``; unchanged for other languages."""
    if lang not in LANGUAGES:
        return token
    return _stem(token, lang)


@lru_cache(maxsize=65536)
def _stem(token: str, lang: str) -> str:
    with _STEMMER_LOCK:
        return str(_stemmer(lang).stemWord(token))


@cache
def _stemmer(lang: str) -> Any:  # snowballstemmer has no type information
    return snowballstemmer.stemmer(LANGUAGES[lang])


def terms(text: str, lang: str) -> list[str]:
    """The stems of the tokens of ``text``: what an index stores and a query looks up."""
    return [stem(token, lang) for token in tokens(text, lang)]


def max_typos(token: str) -> int:
    """How many typos a query word of this length may contain and still match.

    Short words get none ("aow" must not match "ouw"), as common search engines do.
    """
    if len(token) <= 3:
        return 0
    return 1 if len(token) <= 7 else 2


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
    two adjacent letters each count 1. With ``limit``, any distance above it is ``limit + 1``
    (computed early, because a search compares a query word with every indexed word).
    """
    cap = max(len(a), len(b)) if limit is None else limit
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > cap:
            return cap + 1
        before, previous = previous, current
    return min(previous[-1], cap + 1)


def fuzzy_matches(
    token: str, vocabulary: Iterable[str], max_distance: int | None = None
) -> list[str]:
    """The words of ``vocabulary`` within ``max_distance`` (default ``max_typos(token)``) of
    ``token``, nearest first, then alphabetically.
    """
    allowed = max_typos(token) if max_distance is None else max_distance
    found = [(edit_distance(token, word, allowed), word) for word in set(vocabulary)]
    return [word for distance, word in sorted(found) if distance <= allowed]
