# SPDX-License-Identifier: EUPL-1.2
"""The hybrid ranker: right answers first, explanations that name what matched."""

from __future__ import annotations

import pytest

from lifegate.assistant.documents import SynonymError, build_targets
from lifegate.catalog.cpsv import load_catalog


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("we krijgen een kindje", "nl", "birth"),
        ("my dad passed away", "en", "death-of-relative"),
        ("ik ga in Utrecht wonen", "nl", "moving-within-nl"),
        ("lost my job", "en", "losing-job"),
        ("pensioen aanvragen", "nl", "retirement"),
        ("studie in het buitenland", "nl", "studying-abroad"),
        ("kinderbijslg", "nl", "kinderbijslag"),  # a typo
        ("mijn vader is overleden", "en", "death-of-relative"),  # Dutch on the English page
    ],
)
def test_the_right_life_event_or_service_comes_first(ranker, question, lang, expected):
    results = ranker.search(question, lang)

    assert results[0].id == expected


def test_the_explanation_names_the_matched_words_and_the_result(ranker):
    top = ranker.search("baby", "en")[0]

    assert top.id == "birth"
    assert top.explanation("en") == "matched: baby → Birth of a child"
    assert top.explanation("nl").startswith("gevonden op: baby → ")


def test_a_result_found_only_by_meaning_says_so(ranker):
    results = ranker.search("onze baby komt in maart", "nl")
    by_meaning = [r for r in results if not r.words and not r.synonyms]

    assert by_meaning
    assert by_meaning[0].explanation("en").startswith("similar in meaning to → ")


def test_a_word_one_language_knows_is_not_taken_for_a_typo_in_the_other(lexical_ranker):
    english = lexical_ranker.lexical.by_lang["en"]

    assert [t.term for t in english.resolve("pensioeen")] == ["pension"]  # alone: a typo
    assert english.resolve("pensioeen", known=frozenset({"pensioeen"})) == []


@pytest.mark.parametrize("question", ["", "   ", "!!!", "de het een"])
def test_a_question_without_words_finds_nothing(lexical_ranker, question):
    assert lexical_ranker.search(question, "nl") == []


def test_the_lexical_ranker_works_without_the_model(lexical_ranker):
    assert lexical_ranker.search("huurtoeslag aanvragen", "nl")[0].id == "huurtoeslag"


def test_synonyms_for_an_unknown_catalog_id_are_refused():
    with pytest.raises(SynonymError, match="no-such-event"):
        build_targets(load_catalog(), {"no-such-event": {"nl": ("woord",)}})
