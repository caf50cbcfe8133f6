# SPDX-License-Identifier: EUPL-1.2
"""Questions are cleaned, trimmed with a notice, and never stored with personal data."""

from __future__ import annotations

import pytest

from lifegate.assistant.query import MAX_LENGTH, clean, looks_personal, scrub


def test_a_long_question_is_trimmed_and_says_so():
    question = clean("baby " * 200)

    assert question.trimmed
    assert len(question.text) <= MAX_LENGTH


@pytest.mark.parametrize(
    ("raw", "text"),
    [(None, ""), ("  baby \n\t geboren ", "baby geboren"), ("a\x00b\x1bc", "a b c")],
)
def test_control_characters_and_spaces_are_cleaned(raw, text):
    assert clean(raw).text == text
    assert not clean(raw).trimmed


@pytest.mark.parametrize(
    "raw",
    [
        "mijn bsn is 111222333",
        "mail me at jan@example.org",
        "bel 06-12345678",
        "call +31 20 656 5656",
        "iban NL91ABNA0417164300",
    ],
)
def test_personal_data_is_recognised(raw):
    assert looks_personal(raw)
    assert not any(ch.isdigit() for ch in scrub(raw).replace("NL", ""))


@pytest.mark.parametrize("raw", ["18 worden", "ik word 67", "30 procent regeling", "baby"])
def test_ordinary_questions_are_not_taken_for_personal_data(raw):
    assert not looks_personal(raw)
