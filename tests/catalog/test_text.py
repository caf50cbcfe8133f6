# SPDX-License-Identifier: EUPL-1.2
"""Text normalisation shared by the catalog search and the assistant."""

import pytest

from lifegate.catalog import text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [("Één", "een"), ("Geboorte-AANGIFTE", "geboorte-aangifte"), ("Straße", "strasse"),
     ("crème brûlée", "creme brulee"), ("ĳsselmeer", "ijsselmeer")],
)  # fmt: skip
def test_folding_lowercases_and_strips_accents(raw, folded):
    assert text.fold(raw) == folded


def test_tokens_are_folded_words_without_the_languages_stop_words():
    assert text.tokens("De aanvraag van de Kinderbijslag!", "nl") == ["aanvraag", "kinderbijslag"]
    assert text.tokens("The benefit for a child", "en") == ["benefit", "child"]


@pytest.mark.parametrize(
    ("lang", "one", "other"),
    [("nl", "kinderbijslag", "kinderbijslagen"), ("nl", "uitkering", "uitkeringen"),
     ("nl", "verhuizen", "verhuizing"), ("en", "benefits", "benefit"), ("en", "moving", "move")],
)  # fmt: skip
def test_inflected_forms_share_a_stem(lang, one, other):
    assert text.stem(one, lang) == text.stem(other, lang)


def test_a_language_without_a_stemmer_keeps_the_token():
    assert text.stem("kindergeld", "de") == "kindergeld"


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kinderbijslag", "kinderbijslag", 0), ("kinderbijslag", "kinderbjislag", 1),
     ("zorgtoeslag", "zorgtoeslg", 1), ("aow", "wao", 2), ("paspoort", "pasport", 1)],
)  # fmt: skip
def test_edit_distance_counts_a_swap_of_neighbours_as_one_typo(a, b, distance):
    assert text.edit_distance(a, b) == distance


def test_edit_distance_stops_counting_above_the_limit():
    assert text.edit_distance("kinderbijslag", "huurtoeslag", limit=2) == 3


def test_fuzzy_matches_allow_more_typos_in_longer_words_and_none_in_short_ones():
    words = ["kinderbijslag", "aow", "wao", "zorgtoeslag"]

    assert text.fuzzy_matches("kinderbjislg", words) == ["kinderbijslag"]
    assert text.fuzzy_matches("awo", words) == []
    assert text.fuzzy_matches("zorgtoeslg", words, max_distance=0) == []
