# SPDX-License-Identifier: EUPL-1.2
"""The evaluation set is big enough and well labelled, and the finder meets its targets on
the held-out part (top-3 >= 90 % in each language, gap <= 5 points)."""

from __future__ import annotations

import pytest

from lifegate.assistant import evaluation
from lifegate.assistant.documents import target_ids

CASES = evaluation.load_cases()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_language_has_at_least_150_labelled_questions(lang):
    main = [c for c in CASES if c.lang == lang and c.part != "blind"]

    assert len(main) >= 150


def test_every_label_is_a_catalog_id(targets):
    known = target_ids(targets)

    assert [c.question for c in CASES if not c.expected or not c.expected <= known] == []


def test_about_a_third_is_held_out():
    main = [c for c in CASES if c.part != "blind"]
    share = sum(1 for c in main if c.part == "held-out") / len(main)

    assert 0.2 < share < 0.4


def test_the_finder_meets_the_targets_on_the_held_out_questions(ranker):
    report = evaluation.evaluate(lambda q, lang: [r.id for r in ranker.search(q, lang)], CASES)

    for lang in ("nl", "en"):
        assert report.scores("held-out", lang).top3 >= evaluation.TARGET_TOP3, lang
    assert report.gap("held-out") <= evaluation.TARGET_GAP
    assert report.meets_targets("held-out")


@pytest.mark.parametrize(
    ("ranks", "top1", "top3", "mrr"),
    [([1, 2, None, 4], 0.25, 0.5, 0.4375), ([], 0.0, 0.0, 0.0), ([3], 0.0, 1.0, 0.3333)],
)
def test_scores_are_top1_top3_and_mean_reciprocal_rank(ranks, top1, top3, mrr):
    scores = evaluation.score(ranks)

    assert (scores.top1, scores.top3, scores.mrr) == (top1, top3, mrr)
