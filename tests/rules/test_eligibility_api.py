# SPDX-License-Identifier: EUPL-1.2
"""POST /api/v1/eligibility/evaluations: explained results, 422 naming fields, 400 for junk."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

URL = "/api/v1/eligibility/evaluations"
BRP, INCOME = "registry:brp", "registry:income"


def _fact(value: Any, source: str = BRP) -> dict[str, Any]:
    return {"value": value, "source": source}


def _adult(pid: str, born: str, income: float, partner: str | None) -> dict[str, Any]:
    return {
        "id": pid,
        "birthDate": _fact(born),
        "partner": _fact(partner),
        "parents": _fact([]),
        "yearlyIncome": _fact(income, INCOME),
        "assets": _fact(10_000, INCOME),
        "healthInsured": _fact(True, "registry:zvw"),
        "resident": _fact(True),
    }


def sanne_request(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "date": "2025-05-20",
        "subject": "sanne",
        "services": ["kinderbijslag", "kindgebonden-budget", "zorgtoeslag"],
        "persons": [
            _adult("sanne", "1994-03-02", 26_000, "daan"),
            _adult("daan", "1992-01-10", 34_000, "sanne"),
            {
                "id": "noor",
                "birthDate": _fact("2025-05-08"),
                "partner": _fact(None),
                "parents": _fact(["sanne", "daan"]),
            },
        ],
        "home": {"rented": _fact(True)},
    }
    body.update(changes)
    return body


def _sources(nodes: list[dict[str, Any]]) -> set[str]:
    found = {v["source"] for node in nodes for v in node["values"] if v["source"]}
    return found.union(*(_sources(node["children"]) for node in nodes))


def _post(body: Any) -> Any:
    raw = body if isinstance(body, str) else json.dumps(body)
    return Client().post(URL, raw, content_type="application/json")


def test_sanne_gets_child_benefit_from_the_next_quarter_with_the_law_explained() -> None:
    response = _post(sanne_request())

    assert response.status_code == 200
    results = {r["service"]: r for r in response.json()["results"]}
    child = results["kinderbijslag"]
    assert (child["status"], child["amount"], child["period"], child["startDate"]) == (
        "entitled",
        286.45,
        "quarter",
        "2025-07-01",
    )
    assert all(
        node["reference"].startswith("https://wetten.overheid.nl/") for node in child["explanation"]
    )
    assert results["zorgtoeslag"]["status"] == "not_entitled"
    assert BRP in _sources(child["explanation"])


def test_an_unknown_income_is_asked_for_in_dutch_and_english() -> None:
    body = sanne_request(services=["zorgtoeslag"])
    del body["persons"][1]["yearlyIncome"]

    result = _post(body).json()["results"][0]

    assert result["status"] == "need_more_info"
    assert {"field": "yearlyIncome", "person": "daan"}.items() <= result["missing"][0].items()
    assert "income" in result["missing"][0]["question"]["en"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": "2031-01-01"}, "date"),
        ({"services": ["nonexistent"]}, "services.0"),
        ({"shoeSize": 42}, "shoeSize"),
    ],
)
def test_impossible_values_are_answered_422_naming_the_field(
    change: dict[str, Any], field: str
) -> None:
    response = _post(sanne_request(**change))

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in [p["name"] for p in response.json()["invalidParams"]]


def test_a_child_older_than_its_parent_and_a_future_birth_are_both_named() -> None:
    body = sanne_request()
    body["persons"][2]["birthDate"] = _fact("1980-01-01")
    body["persons"][1]["birthDate"] = _fact("2026-01-01")

    names = [p["name"] for p in _post(body).json()["invalidParams"]]

    assert any(name.startswith("persons.2") for name in names)
    assert any(name.startswith("persons.1") for name in names)


def test_every_impossible_field_of_one_request_is_named() -> None:
    body = sanne_request(date="2031-01-01")
    body["persons"][0]["birthDate"] = _fact("1890-01-01")
    body["persons"][1]["shoeSize"] = _fact(42)
    body["home"]["monthlyRent"] = _fact(-1)

    response = _post(body)

    names = {p["name"] for p in response.json()["invalidParams"]}
    assert response.status_code == 422
    assert {"date", "persons.1.shoeSize", "home.monthlyRent"} <= names
    assert any(name.startswith("persons.0.birthDate") for name in names)


@pytest.mark.parametrize("raw", ["{not json", "[]", '{"date": "2025-07-01"}'])
def test_a_malformed_body_is_answered_400(raw: str) -> None:
    response = _post(raw)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
