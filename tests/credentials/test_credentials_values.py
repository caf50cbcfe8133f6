# SPDX-License-Identifier: EUPL-1.2
"""A disclosed claim's value as the wallet and the verifier's page show it."""

import pytest

from lifegate.credentials.verdicts import value_of


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        (True, "nl", "Ja"),
        (False, "nl", "Nee"),
        (True, "en", "Yes"),
        (False, "en", "No"),
        (True, "de", "Yes"),  # a language without words of its own: English
        ("2001-04-12", "nl", "12 april 2001"),
        ("2001-04-12", "en", "12 April 2001"),
        ("1998-11-03", "nl", "3 november 1998"),
        ("2001-02-30", "nl", "2001-02-30"),  # no such day: as signed
        ("2001-04-12", "de", "12 April 2001"),
        ("Master of Science", "nl", "Master of Science"),
        (7, "en", "7"),
        (None, "en", ""),
    ],
)
def test_values_read_as_words_and_dates_in_the_pages_language(value, language, shown):
    assert value_of(value, language) == shown
