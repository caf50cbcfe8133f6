# SPDX-License-Identifier: EUPL-1.2
"""The read-only query API under /api/v1/opendata/."""

import pytest

from lifegate.opendata.publishing import publish
from tests.opendata.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(home, large_synthetic):
    return publish("2025-06", activity=large_synthetic, today=TODAY)


def test_datasets_list_their_columns_and_checksummed_files(client, published):
    body = client.get("/api/v1/opendata/datasets?lang=nl").json()

    assert [d["id"] for d in body] == [
        "life-event-journeys",
        "service-offers-and-cases",
        "processing-times-by-channel",
    ]
    assert body[0]["title"] == "Gestarte levensgebeurtenissen"
    assert body[0]["periods"] == ["2025-06"]
    assert {f["name"] for f in body[0]["files"]} >= {"life-event-journeys.csv"}
    assert all(len(f["sha256"]) == 64 and f["byteSize"] > 0 for f in body[0]["files"])


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("municipality=GM0344", lambda r: r["municipality"] == "GM0344"),
        ("lifeEvent=birth", lambda r: r["life_event"] == "birth"),
        ("period=2025-06", lambda r: r["period"] == "2025-06"),
    ],
)
def test_observations_can_be_filtered(client, published, query, check):
    body = client.get(f"/api/v1/opendata/datasets/life-event-journeys/observations?{query}").json()

    assert body["total"] == len(body["rows"]) > 0
    assert all(check(row) for row in body["rows"])


def test_observations_are_paged(client, published):
    url = "/api/v1/opendata/datasets/service-offers-and-cases/observations"

    first = client.get(f"{url}?limit=5").json()
    second = client.get(f"{url}?limit=5&offset=5").json()

    assert first["total"] == published.rows["service-offers-and-cases"]
    assert len(first["rows"]) == len(second["rows"]) == 5
    assert first["rows"] != second["rows"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/opendata/datasets/nope", 404),
        ("/api/v1/opendata/datasets/nope/observations", 404),
        ("/api/v1/opendata/datasets/life-event-journeys/observations?channel=post", 400),
        ("/api/v1/opendata/datasets/life-event-journeys/observations?limit=0", 400),
    ],
)
def test_bad_requests_get_a_problem(client, published, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_releases_and_budgets_publish_the_privacy_loss(client, published):
    releases = client.get("/api/v1/opendata/releases").json()
    budgets = client.get("/api/v1/opendata/privacy-budgets").json()

    assert releases[0]["epsilon"] == published.epsilon
    assert releases[0]["parameters"]["min_cell"] == 10
    assert sum(s["epsilon"] for s in releases[0]["spends"]) == pytest.approx(published.epsilon)
    assert budgets == [
        {"year": 2025, "yearlyEpsilon": 72.0, "spent": published.epsilon,
         "remaining": 72.0 - published.epsilon}
    ]  # fmt: skip


def test_a_published_file_downloads_with_its_media_type(client, published):
    response = client.get("/open-data/files/2025-06/v1/life-event-journeys.parquet")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    assert b"".join(response.streaming_content)[:4] == b"PAR1"
    assert client.get("/open-data/files/2025-06/v1/secrets.txt").status_code == 404


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/opendata/catalog.ttl", "text/turtle"), ("/opendata/catalog.jsonld", "application/ld+json")],
)
def test_the_rdf_catalogue_is_documented_with_its_own_media_type(client, path, media_type):
    document = client.get("/api/v1/openapi.json").json()

    content = document["paths"][path]["get"]["responses"]["200"]["content"]

    assert list(content) == [media_type]
