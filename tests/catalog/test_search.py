# SPDX-License-Identifier: EUPL-1.2
"""Search over both languages: stems, accents, compounds and typos."""

import pytest

from lifegate.catalog.cpsv import Catalog
from lifegate.catalog.search import SearchIndex, build_index


@pytest.fixture(scope="module")
def index(catalog: Catalog) -> SearchIndex:
    return build_index(catalog)


@pytest.mark.parametrize(
    ("query", "first"),
    [("kinderbijslag", "kinderbijslag"), ("child benefit", "kinderbijslag"),
     ("kinderbjislag", "kinderbijslag"), ("KINDERBIJSLAGEN", "kinderbijslag"),
     ("zorgtoeslg", "zorgtoeslag"), ("aangifte geboorte", "aangifte-geboorte")],
)  # fmt: skip
def test_a_query_in_either_language_with_typos_finds_the_service(index, query, first):
    hits = index.search(query, ("service",))

    assert hits[0].id == first


def test_accents_in_the_query_are_ignored(index):
    assert index.search("kinderbíjslag") == index.search("kinderbijslag")


def test_a_word_that_begins_a_compound_finds_it(index):
    ids = [hit.id for hit in index.search("geboorte", ("service",))]

    assert "aanvullend-geboorteverlof" in ids


def test_events_are_found_too(index):
    assert ("event", "birth") in [(h.kind, h.id) for h in index.search("geboorte")]


def test_every_word_must_match_and_an_empty_query_finds_nothing(index):
    assert index.search("kinderbijslag xylofoonmuseum") == []
    assert index.search("   ") == []
