# SPDX-License-Identifier: EUPL-1.2
"""Open-data pages in Dutch and English: datasets, trends with charts and tables, methodology."""

import datetime as dt
import re

import pytest

from lifegate.opendata.publishing import publish
from lifegate.opendata.records import ActivityRecord, Kind
from tests.opendata.conftest import TODAY, ListSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(home, small_synthetic):
    publish("2025-05", activity=small_synthetic, today=TODAY)
    publish("2025-06", activity=small_synthetic, today=TODAY)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/nl/open-data/", "Gestarte levensgebeurtenissen"),
        ("/en/open-data/", "Life-event journeys started"),
        ("/nl/open-data/datasets/service-offers-and-cases", "Aanbiedingen en zaken per dienst"),
        ("/en/open-data/datasets/processing-times-by-channel", "SHA-256"),
        ("/nl/open-data/methodology", "Differentiële privacy"),
        ("/en/open-data/methodology", "Suppression threshold (counts)"),
        ("/nl/open-data/trends", "Trends per levensgebeurtenis"),
        ("/en/open-data/trends", "Trends per life event"),
    ],
)
def test_each_page_exists_in_both_languages(client, published, path, text):
    response = client.get(path)

    assert response.status_code == 200
    assert text in response.content.decode()


def test_each_chart_has_its_numbers_as_a_table_too(client, home):
    births = [
        ActivityRecord(f"p{i}", Kind.JOURNEY_STARTED, dt.date(2025, month, 2), "birth", "GM0344")
        for month in (5, 6)
        for i in range(300)
    ]
    for period in ("2025-05", "2025-06"):
        publish(period, activity=ListSource(births), today=TODAY)

    html = client.get("/en/open-data/trends").content.decode()

    charts = re.findall(r'<svg[^>]*role="img" aria-labelledby="chart-([a-z0-9-]+)-title"', html)
    assert "birth" in charts
    birth = html.split('id="heading-birth"')[1].split("</section>")[0]
    bar_values = re.findall(r'fill="#1f5c99" /><text[^>]*>(\d+)</text>', birth)
    table_values = re.findall(r'<td class="utrecht-table__cell">(\d+)</td>', birth)
    assert bar_values == table_values
    assert len(table_values) == 2


def test_pages_say_so_when_nothing_is_published(client, home):
    response = client.get("/en/open-data/trends")

    assert "Nothing published yet." in response.content.decode()
    assert client.get("/en/open-data/datasets/nope").status_code == 404


def test_the_footer_links_to_open_data(client, home):
    html = client.get("/en/open-data/").content.decode()

    assert 'href="/en/open-data/"' in html


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("/nl/open-data/trends", '"/en/open-data/trends" hreflang="en"'),
        (
            "/en/open-data/datasets/life-event-journeys",
            '"/nl/open-data/datasets/life-event-journeys"',
        ),
    ],
)
def test_the_language_switch_points_at_the_same_page(client, home, path, other):
    html = client.get(path).content.decode()

    assert f"href={other}" in html
