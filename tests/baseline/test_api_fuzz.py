# SPDX-License-Identifier: EUPL-1.2
"""api.fuzz runs schemathesis once per role and names role, operation and check per finding.

The runs here use a few operations of the installation's own document (fast); the command
test runs every operation with every role."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lifegate.baseline import exceptions
from lifegate.baseline.catalogue import api_document
from lifegate.baseline.checks import api_fuzz, principals

PUBLIC = {
    ("/ledger/checkpoints/latest", "get"),
    ("/ledger/consistency-proof", "get"),
    ("/ledger/entries/{index}/inclusion-proof", "get"),
    ("/opendata/catalog.jsonld", "get"),
    ("/opendata/datasets/{dataset_id}", "get"),
    ("/eligibility/evaluations", "post"),
}
SECURED = {
    ("/cases/cases", "get"),
    ("/outbox/subscriptions", "get"),
    ("/outbox/subscriptions/{subscription_id}", "delete"),  # a non-UUID id: 404, not 500
    ("/exchange/data-requests", "post"),  # refusals 403/404/503 documented
}
ROLES = ["anonymous", "citizen", "agency", "official"]
AGENCY = api_fuzz.AGENCY_SCHEME


def document(keep: set[tuple[str, str]]) -> dict[str, Any]:
    """The installation's OpenAPI document cut down to the operations in `keep`."""
    full = copy.deepcopy(api_document())
    full["paths"] = {
        path: {m: op for m, op in item.items() if (path, m) in keep}
        for path, item in full["paths"].items()
        if any((path, m) in keep for m in item)
    }
    return full


def labels(keep: set[tuple[str, str]]) -> set[str]:
    return {f"{method.upper()} {path}" for path, method in keep}


def run(roles: list[api_fuzz.Role], keep: set[tuple[str, str]], examples: int = 1) -> Any:
    return api_fuzz.fuzz(api_fuzz.load_schema(document(keep)), roles, examples)


@pytest.fixture
def agency(db: None) -> api_fuzz.Role:
    """SVB's system with a real access token (needs no population)."""
    return api_fuzz.as_role(principals.agency("agency", "svb"), frozenset({AGENCY}))


def visit(role: api_fuzz.Role, path: str) -> int:
    client = Client()
    for name, value in role.cookies.items():
        client.cookies[name] = value
    return int(client.get(path).status_code)


def test_each_role_runs_separately_and_is_refused_or_let_in_as_declared(population):
    chosen = api_fuzz.default_roles()
    roles = {role.name: role for role in chosen}

    done = run(chosen, PUBLIC | SECURED, examples=2)

    assert list(done.tallies) == ROLES
    for name in ROLES:
        assert done.tallies[name].operations == len(PUBLIC | SECURED)
    for name in ("anonymous", "citizen", "official"):  # the API declares no session scheme
        assert done.tallies[name].refused == labels(SECURED)
        assert done.tallies[name].admitted == set()
    assert done.tallies["agency"].admitted == labels(SECURED)
    assert done.tallies["agency"].refused == set()
    # ledger 404/422, eligibility 422 and the JSON-LD catalogue are documented now
    assert done.findings == []
    lines = api_fuzz.evidence(done, chosen, 2)
    assert [line.split(" ")[0] for line in lines] == ROLES
    assert "agency (AgencyAuth)" in lines[2] and "4 let it in" in lines[2]
    assert "4 secured operations refused it" in lines[1]
    # the sessions are real: the citizen's and the official's own pages let them in
    assert visit(roles["citizen"], "/nl/mijn-zaken") == 200
    assert visit(roles["anonymous"], "/nl/mijn-zaken") == 302  # sent to sign in
    assert visit(roles["official"], reverse("identity:official-home")) == 200


def test_a_role_let_into_an_operation_it_holds_no_scheme_for_is_reported(agency):
    stolen = api_fuzz.Role("citizen-with-agency-token", headers=agency.headers)

    done = run([stolen], SECURED)

    assert {(f.role, f.file, f.id) for f in done.findings} == {
        ("citizen-with-agency-token", label, "auth") for label in labels(SECURED)
    }
    assert "got 200" in {f.text for f in done.findings}
    assert not {f.text for f in done.findings} & {"got 401", "got 403"}  # in, not refused


def test_a_role_whose_credentials_are_refused_is_reported(db):
    forged = api_fuzz.Role("agency", frozenset({AGENCY}), {"Authorization": "Bearer forged"})

    done = run([forged], SECURED)

    assert {(f.role, f.file, f.id, f.text) for f in done.findings} == {
        ("agency", label, "auth", "its credentials were refused") for label in labels(SECURED)
    }


def test_an_undocumented_answer_is_reported_for_each_role_that_got_it(agency):
    keep = {("/opendata/datasets/{dataset_id}", "get")}
    drifted = document(keep)
    del drifted["paths"]["/opendata/datasets/{dataset_id}"]["get"]["responses"]["404"]

    done = api_fuzz.fuzz(api_fuzz.load_schema(drifted), [api_fuzz.Role("anonymous"), agency], 2)

    operation = "GET /opendata/datasets/{dataset_id}"
    assert [(f.role, f.file, f.id, f.text) for f in done.findings] == [
        ("agency", operation, "ST103", "Undocumented status code 404"),
        ("anonymous", operation, "ST103", "Undocumented status code 404"),
    ]


def test_the_ledger_before_its_first_entry_answers_a_documented_404(db):
    keep = {("/ledger/checkpoints/latest", "get")}

    answer = Client().get("/api/v1/ledger/checkpoints/latest")
    done = run([api_fuzz.Role("anonymous")], keep)

    assert answer.status_code == 404 and answer["Content-Type"] == "application/problem+json"
    assert done.findings == []
    assert done.tallies["anonymous"].calls == 1


def test_a_finding_of_a_role_is_judged_with_its_role_operation_and_check():
    finding = exceptions.Finding("ST103", "GET /x", 0, "Undocumented status code 404", "citizen")
    waiver = exceptions.parse(
        [{"id": "ST103", "file": "GET /x", "reason": "r", "expires": "2030-01-01"}]
    )
    today = dt.date(2026, 11, 29)

    assert exceptions.judge([finding], [], today)[0] == [
        "ST103 as citizen GET /x Undocumented status code 404 (no exception)"
    ]
    assert exceptions.judge([finding], waiver, today)[1] == [
        "ST103 as citizen GET /x accepted until 2030-01-01"
    ]
