# SPDX-License-Identifier: EUPL-1.2
"""ISO dates on pages, as people write them in the page's language (`full_date`)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from lifegate.core.dates import full_date


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        ("2001-04-12", "nl", "12 april 2001"),
        ("2001-04-12", "en", "12 April 2001"),
        ("1998-11-03", "nl", "3 november 1998"),
        (dt.date(1995, 3, 4), "nl", "4 maart 1995"),
        ("2001-02-30", "nl", "2001-02-30"),  # no such day: as written
        ("20010412", "nl", "20010412"),  # not the full-date form
        ("2001-04-12T10:00:00Z", "en", "2001-04-12T10:00:00Z"),
        ("unknown", "en", "unknown"),
        (None, "en", ""),
    ],
)
def test_full_dates_read_as_people_write_them(value, language, shown):
    with translation.override(language):
        assert full_date(value) == shown


def test_templates_load_it_as_a_filter():
    with translation.override("nl"):
        rendered = Template("{% load dates %}{{ day|full_date }}").render(
            Context({"day": "2001-04-12"})
        )
    assert rendered == "12 april 2001"
