# SPDX-License-Identifier: EUPL-1.2
"""The CKAN action API subset, used by the unmodified `ckanapi` client over real HTTP."""

import pytest
from ckanapi import (  # type: ignore[import-untyped]  # ckanapi ships no type hints
    NotFound,
    RemoteCKAN,
    SearchQueryError,
    ValidationError,
)

from lifegate.opendata.publishing import publish
from tests.opendata.conftest import TODAY

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = ["life-event-journeys", "service-offers-and-cases", "processing-times-by-channel"]


@pytest.fixture
def portal(live_server, home, small_synthetic):
    publish("2025-05", activity=small_synthetic, today=TODAY)
    publish("2025-06", activity=small_synthetic, today=TODAY)
    with RemoteCKAN(live_server.url) as client:
        yield client


@pytest.fixture
def get_only_portal(live_server, portal):
    with RemoteCKAN(live_server.url, get_only=True) as client:
        yield client


@pytest.mark.parametrize("client", ["portal", "get_only_portal"])
def test_a_harvester_lists_and_reads_every_dataset(request, client):
    portal = request.getfixturevalue(client)
    names = portal.action.package_list()

    packages = [portal.action.package_show(id=name) for name in names]

    assert names == NAMES
    first = packages[0]
    assert first["license_id"] == "CC-BY-4.0"
    assert first["organization"]["name"] == "lifegate"
    assert first["num_resources"] == len(first["resources"]) == 6
    csv = next(r for r in first["resources"] if r["format"] == "CSV")
    assert csv["hash"].startswith("sha256:") and csv["size"] > 0
    assert csv["url"].startswith("http://testserver/open-data/files/2025-0")
    extras = {e["key"]: e["value"] for e in first["extras"]}
    assert extras["temporal_start"] == "2025-05-01"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, NAMES),
        ({"q": "*:*"}, NAMES),
        ({"q": "processing"}, ["processing-times-by-channel"]),
        ({"q": "doorlooptijden kanaal"}, ["processing-times-by-channel"]),
        ({"fq": "name:life-event-journeys"}, ["life-event-journeys"]),
        ({"fq": 'organization:lifegate res_format:"Parquet"'}, NAMES),
        ({"q": "cases", "fq": "tags:statistics"}, NAMES[1:]),
        ({"q": "nothing-like-this"}, []),
    ],
)
def test_package_search_answers_q_and_fq(portal, query, expected):
    result = portal.action.package_search(**query)

    assert result["count"] == len(expected)
    assert [p["name"] for p in result["results"]] == expected


def test_package_search_pages_with_rows_and_start(portal):
    pages = [portal.action.package_search(rows=2, start=start) for start in (0, 2)]

    assert [p["name"] for p in pages[0]["results"] + pages[1]["results"]] == NAMES
    assert pages[0]["count"] == pages[1]["count"] == 3


def test_organisations_and_status_answer_like_ckan(portal):
    assert portal.action.organization_list() == ["lifegate"]
    full = portal.action.organization_list(all_fields=True)
    assert full[0]["package_count"] == 3
    assert portal.action.status_show()["ckan_version"].startswith("2.")


def test_an_unknown_id_is_ckans_not_found(portal):
    with pytest.raises(NotFound):
        portal.action.package_show(id="no-such-dataset")


@pytest.mark.parametrize(
    ("action", "params"),
    [
        ("package_search", {"colour": "blue"}),
        ("package_list", {"id": "x"}),
        ("package_search", {"rows": "many"}),
        ("package_show", {"id": "life-event-journeys", "extra": "1"}),
    ],
)
def test_unknown_or_bad_parameters_are_ckans_validation_error(portal, action, params):
    with pytest.raises(ValidationError):
        portal.call_action(action, params)


def test_a_filter_on_an_unknown_field_is_a_search_query_error(portal):
    with pytest.raises(SearchQueryError):
        portal.action.package_search(fq="colour:blue")
