# SPDX-License-Identifier: EUPL-1.2
"""Open-data pages in a real browser, both languages, axe-clean, charts readable as tables."""

import datetime as dt

import pytest

from lifegate.catalog import services as catalog
from lifegate.demo.population import generate_population
from lifegate.opendata.publishing import publish
from lifegate.opendata.sources import public_domain
from lifegate.opendata.synthetic import SyntheticActivity, residents_from_persons
from tests.browser.conftest import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(settings, tmp_path):
    settings.HOME = tmp_path
    catalog.seed_organisations()
    population = generate_population(1500, seed=3, today=dt.date(2025, 1, 1))
    source = SyntheticActivity(residents_from_persons(population.persons), public_domain())
    for period in ("2025-05", "2025-06"):
        publish(period, activity=source, today=dt.date(2025, 8, 1))


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("/nl/open-data/", "nl"),
        ("/en/open-data/", "en"),
        ("/nl/open-data/trends", "nl"),
        ("/en/open-data/trends", "en"),
        ("/nl/open-data/methodology", "nl"),
        ("/en/open-data/methodology", "en"),
        ("/nl/open-data/datasets/life-event-journeys", "nl"),
        ("/en/open-data/datasets/processing-times-by-channel", "en"),
    ],
)
def test_open_data_pages_have_no_axe_violations(live_server, page, published, path, lang):
    page.goto(live_server.url + path)

    assert page.locator("html").get_attribute("lang") == lang
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_chart_is_an_image_with_a_name_and_its_numbers_are_a_table(live_server, page, published):
    page.goto(live_server.url + "/en/open-data/trends")

    chart = page.get_by_role("img", name="Journeys started per month: Birth of a child")
    table = page.get_by_role("table", name="Journeys started per month: Birth of a child")

    assert chart.count() == 1
    assert table.get_by_role("rowheader").all_inner_texts() == ["2025-05", "2025-06"]
