# SPDX-License-Identifier: EUPL-1.2
"""The JSON API for apps: filters, pagination, ETag, Accept-Language, problem+json 400."""

import pytest

pytestmark = pytest.mark.django_db
SERVICES = "/api/v1/catalog/services"


def test_services_of_an_event_are_listed_in_the_language_asked(seeded, client):
    body = client.get(SERVICES, {"event": "birth"}, HTTP_ACCEPT_LANGUAGE="en").json()

    names = {item["id"]: item["name"] for item in body["items"]}
    assert names["kinderbijslag"] == "Child benefit"
    assert all("birth" in item["events"] for item in body["items"])


def test_lang_overrides_accept_language_and_is_echoed(seeded, client):
    response = client.get(f"{SERVICES}/kinderbijslag", {"lang": "nl"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.json()["name"] == "Kinderbijslag"
    assert response["Content-Language"] == "nl"


def test_services_filter_by_organisation_and_text(seeded, client):
    body = client.get(SERVICES, {"organisation": "svb", "q": "child benefit"}).json()

    assert body["items"][0]["id"] == "kinderbijslag"
    assert all("svb" in item["authorities"] for item in body["items"])


def test_pages_link_to_each_other(seeded, client):
    first = client.get(SERVICES, {"pageSize": 20}).json()
    second = client.get(first["_links"]["next"]["href"]).json()

    assert first["total"] == 50
    assert len(first["items"]) == 20
    assert second["_links"]["prev"]["href"].endswith("page=1&pageSize=20")
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_an_unchanged_list_answers_304_to_its_etag(seeded, client):
    first = client.get(SERVICES, {"event": "birth"})

    again = client.get(SERVICES, {"event": "birth"}, HTTP_IF_NONE_MATCH=first["ETag"])
    english = client.get(
        SERVICES, {"event": "birth"}, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_ACCEPT_LANGUAGE="en"
    )

    assert again.status_code == 304
    assert english.status_code == 200


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [(SERVICES, {"event": "wedding"}, "event"),
     (SERVICES, {"organisation": "acme"}, "organisation"), (SERVICES, {"lang": "fr"}, "lang"),
     ("/api/v1/catalog/events", {"kind": "party"}, "kind")],
)  # fmt: skip
def test_an_unknown_filter_value_is_a_problem_naming_the_parameter(
    seeded, client, path, query, parameter
):
    response = client.get(path, query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == parameter


def test_events_list_the_ten_life_events_with_their_services(seeded, client):
    body = client.get("/api/v1/catalog/events", {"kind": "life"}).json()

    ids = {item["id"] for item in body["items"]}
    assert {"birth", "moving-to-nl", "death-of-relative", "losing-job"} <= ids
    assert "kinderbijslag" in next(i for i in body["items"] if i["id"] == "birth")["services"]
