# SPDX-License-Identifier: EUPL-1.2
"""Life-event index, journey and service pages in both languages, and search."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "text"),
    [("/nl/levensgebeurtenissen-en-diensten", "Geboorte"),
     ("/en/life-events-and-services", "Birth"),
     ("/nl/levensgebeurtenis/birth", "Kinderbijslag"),
     ("/en/life-event/birth", "Child benefit"),
     ("/nl/zoeken?q=kinderbjislag", "Kinderbijslag"),
     ("/en/search?q=kinderbijslg", "Child benefit")],
)  # fmt: skip
def test_catalog_pages_exist_in_both_languages(seeded, client, path, text):
    response = client.get(path)

    assert response.status_code == 200
    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("path", "items"),
    [("/en/services/kinderbijslag",
      ["Steps", "Who decides and how to contact them", "Accepted eID means",
       "Conditions and evidence",
       "Costs and how to pay", "Usual processing time", "If there is no answer in time",
       "How to object", "Legal basis", "wetten.overheid.nl", "Last updated"]),
     ("/nl/diensten/kinderbijslag",
      ["Stappen", "Wie beslist", "Geaccepteerde inlogmiddelen", "Voorwaarden en bewijs",
       "Kosten en hoe u betaalt", "Gebruikelijke behandeltijd", "niet op tijd", "Bezwaar maken",
       "Wettelijke grondslag", "Laatst bijgewerkt"])],
)  # fmt: skip
def test_the_service_page_shows_every_sdg_item(seeded, client, path, items):
    html = client.get(path).content.decode()

    missing = [item for item in items if item not in html]
    assert missing == []


def test_the_home_page_links_the_life_events(seeded, client):
    html = client.get("/en/").content.decode()

    assert 'href="/en/life-event/birth"' in html
    assert 'href="/en/life-events-and-services"' in html


def test_an_unknown_service_is_not_found(seeded, client):
    assert client.get("/en/services/nope").status_code == 404
