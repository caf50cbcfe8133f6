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


@pytest.mark.parametrize(
    ("path", "values"),
    [("/en/services/kinderbijslag",
      ["Social Insurance Bank", "+31 20 656 5656", "info@svb.example",  # authority, contact
       "Monday to Friday", "DigiD", "Notified European eID (eIDAS)",  # hours, eID means
       "substantial", "Bank account number (IBAN)", "Free of charge.",  # LoA, evidence, fee
       "8 weeks", "respond to the offer within 3 months", "notice of default",
       "within 6 weeks", 'href="https://wetten.overheid.nl/BWBR0002368"', "June 30, 2025"]),
     ("/en/services/inschrijving-handelsregister",
      ["82.25", "pay by iDEAL or debit card", "1 day"]),
     ("/nl/diensten/inschrijving-handelsregister",
      ["82,25", "betalen met iDEAL of pin"])],
)  # fmt: skip
def test_the_service_page_shows_the_value_of_every_sdg_item_before_sign_in(
    seeded, client, path, values
):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert [value for value in values if value not in html] == []


@pytest.mark.parametrize(
    ("path", "heading", "link"),
    [("/en/life-events-and-services", "For businesses", "/en/life-event/starting-business"),
     ("/nl/levensgebeurtenissen-en-diensten", "Voor ondernemers",
      "/nl/levensgebeurtenis/starting-business")],
)  # fmt: skip
def test_business_events_are_listed_apart_from_life_events(seeded, client, path, heading, link):
    html = client.get(path).content.decode()

    business = html[html.index(heading) :]
    assert f'href="{link}"' in business
    assert 'href="' + link.replace("starting-business", "birth") + '"' not in business
