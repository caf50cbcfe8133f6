# SPDX-License-Identifier: EUPL-1.2
"""One finder per test session: the packaged model is loaded and the catalog embedded once."""

from __future__ import annotations

import pytest

from lifegate.assistant import finder
from lifegate.assistant.documents import Target, build_targets, read_synonyms
from lifegate.assistant.ranker import HybridRanker
from lifegate.catalog.cpsv import load_catalog


@pytest.fixture(scope="session")
def targets() -> tuple[Target, ...]:
    return build_targets(load_catalog(), read_synonyms())


@pytest.fixture(scope="session")
def ranker(targets: tuple[Target, ...]) -> HybridRanker:
    """The hybrid ranker as the portal builds it (file synonyms, packaged model)."""
    model = finder.embedder()
    assert model is not None, "LIFEGATE_ASSISTANT_SEMANTIC is off: the tests need the model"
    return HybridRanker(targets, model, finder.semantic_index())


@pytest.fixture(scope="session")
def lexical_ranker(targets: tuple[Target, ...]) -> HybridRanker:
    return HybridRanker(targets, None)
