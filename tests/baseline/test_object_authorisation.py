# SPDX-License-Identifier: EUPL-1.2
"""Every object id, asked by the wrong citizen, official or agency and by nobody, is refused."""

from __future__ import annotations

import pytest
from django.http import HttpResponse, HttpResponseRedirect

from lifegate.baseline import matrix
from lifegate.baseline.catalogue import api_document
from lifegate.baseline.checks import objects
from lifegate.baseline.outcome import Status


def test_each_object_route_refuses_every_wrong_principal_and_lists_hide_the_objects(population):
    outcome = objects.object_authorisation(api_document())

    assert outcome.status is Status.PASS, outcome.evidence
    assert "all refused" in outcome.evidence[0]


def test_every_route_with_an_id_is_in_the_matrix(db):
    keys = [key for key, _ in objects.object_routes(api_document())]

    assert [k for k in keys if not matrix.declared(k)] == []
    assert "GET /messagebox/messages/{message_id}" in keys
    assert "lifegate.cases.views.journey" in keys


@pytest.mark.slow
def test_a_new_id_route_and_an_object_its_non_owner_can_open_both_fail(
    population, settings, monkeypatch
):
    settings.ROOT_URLCONF = "tests.baseline.leaky_urls"
    wrong_owner = matrix.ObjectRoute("citizen-b", control=False)  # Sanne may open her journey
    monkeypatch.setitem(matrix.VIEWS, "lifegate.cases.views.journey", wrong_owner)

    outcome = objects.object_authorisation(api_document())

    assert outcome.status is Status.FAIL
    problems = "\n".join(outcome.evidence)
    assert "not in baseline/matrix.py: tests.baseline.leaky_urls.secret_thing" in problems
    assert "/nl/levensgebeurtenissen/" in problems and "as citizen-a answered 200" in problems


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (HttpResponse(status=404), ""),
        (HttpResponse(status=403), ""),
        (HttpResponseRedirect("/nl/inloggen?next=/x"), ""),
        (HttpResponse("your case", status=200), "as citizen-b answered 200"),
        (HttpResponseRedirect("/nl/berichten"), "answered 302 /nl/berichten"),
        (HttpResponse("Sanne's 111222333", status=404), "showing the owner's data"),
    ],
)
def test_only_a_refusal_without_the_owners_data_counts(answer, problem):
    found = objects.refusal_problem("citizen-b", "GET", "/x", answer, ["111222333"])

    assert (problem in found) if problem else found == ""
