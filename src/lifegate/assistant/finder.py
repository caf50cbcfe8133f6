# SPDX-License-Identifier: EUPL-1.2
"""The process-wide finder: the catalog, the synonyms (file plus officials' additions) and
the language model, built once and rebuilt when an official adds a synonym."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import structlog
from django.conf import settings

from lifegate.assistant.documents import Synonyms, Target, build_targets, merge_synonyms
from lifegate.assistant.documents import read_synonyms as read_synonym_file
from lifegate.assistant.models import Synonym
from lifegate.assistant.ranker import HybridRanker
from lifegate.assistant.semantic import Embedder, PackagedE5, SemanticIndex, texts_to_embed
from lifegate.catalog.cpsv import Catalog, load_catalog

logger = structlog.get_logger(__name__)
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Finder:
    ranker: HybridRanker
    catalog: Catalog
    version: tuple[int, int]


_current: Finder | None = None


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return load_catalog()


@lru_cache(maxsize=1)
def embedder() -> Embedder | None:
    """The packaged model, or None when semantic matching is turned off."""
    if not settings.ASSISTANT_SEMANTIC:
        return None
    return PackagedE5(threads=settings.ASSISTANT_THREADS)


def official_synonyms() -> Synonyms:
    found: dict[str, dict[str, list[str]]] = {}
    for s in Synonym.objects.order_by("id"):
        found.setdefault(s.target, {}).setdefault(s.language, []).append(s.phrase)
    return {k: {lang: tuple(p) for lang, p in v.items()} for k, v in found.items()}


def _synonym_version() -> tuple[int, int]:
    ids = list(Synonym.objects.values_list("id", flat=True))
    return (len(ids), max(ids, default=0))


def current() -> Finder:
    """The finder for the synonyms as they are now (one cheap query per call)."""
    global _current  # noqa: PLW0603 - one finder per process, swapped whole under a lock
    version = _synonym_version()
    found = _current
    if found is not None and found.version == version:
        return found
    with _LOCK:
        if _current is None or _current.version != version:
            _current = _build(version)
        return _current


def _build(version: tuple[int, int]) -> Finder:
    known = {e.id for e in catalog().events} | {s.id for s in catalog().services}
    extra = {k: v for k, v in official_synonyms().items() if k in known}
    targets = build_targets(catalog(), merge_synonyms(read_synonym_file(), extra))
    model = embedder()
    logger.info("assistant.finder_built", targets=len(targets), semantic=model is not None)
    return Finder(HybridRanker(targets, model, semantic_index()), catalog(), version)


@lru_cache(maxsize=1)
def semantic_index() -> SemanticIndex | None:
    """The passages of the curated texts, embedded once per process: officials' synonyms
    take effect in the lexical part at once, without embedding everything again."""
    model = embedder()
    if model is None:
        return None
    return _semantic_index(build_targets(catalog(), read_synonym_file()), model)


def _semantic_index(targets: tuple[Target, ...], model: Embedder) -> SemanticIndex:
    """Passage vectors, kept in LIFEGATE_HOME/cache by a hash of the model and the texts:
    embedding every passage takes seconds, a restart should not."""
    texts, owners = texts_to_embed(targets)
    digest = hashlib.sha256("\x1f".join([model.name, *texts]).encode()).hexdigest()[:24]
    path = Path(settings.HOME) / "cache" / f"assistant-{digest}.npy"
    if path.exists():
        vectors = np.load(path)
    else:
        vectors = model.embed(texts, query=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp.npy")
        np.save(temporary, vectors)
        temporary.replace(path)
    return SemanticIndex(targets, vectors, owners)
