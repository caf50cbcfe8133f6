# SPDX-License-Identifier: EUPL-1.2
"""Agencies follow and update their cases over the API; refusals change nothing."""

from __future__ import annotations

import pytest

from lifegate.cases import services as cases
from lifegate.cases.models import Case, Offer
from lifegate.messagebox import services as messagebox
from tests.cases.conftest import AgencyClient, bsn_of

pytestmark = pytest.mark.django_db


def _birth(population, today) -> None:
    municipality = AgencyClient("gemeente-utrecht")
    body = {
        "type": "person.born",
        "subjectBsn": bsn_of(population["noor"]),
        "date": today.isoformat(),
        "relatedBsns": [bsn_of(population["sanne"]), bsn_of(population["daan"])],
    }
    response = municipality.post("/registry-events", body)
    assert response.status_code == 201, response.content
    assert [j["event"] for j in response.json()["journeys"]] == ["birth", "birth"]


@pytest.fixture
def case(population, today) -> Case:
    _birth(population, today)
    offer = Offer.objects.get(service="kinderbijslag")
    return cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])


def test_an_agency_lists_and_reads_only_its_own_cases(case):
    svb, toeslagen = AgencyClient("svb"), AgencyClient("belastingdienst-toeslagen")

    listed = svb.get("/cases").json()["cases"]
    other = toeslagen.get("/cases").json()["cases"]
    one = svb.get(f"/cases/{case.id}").json()

    assert [c["reference"] for c in listed] == [case.reference]
    assert other == []
    assert one["sharedData"]["persons.familyName"] == "de Vries"


def test_another_organisation_is_refused_with_a_reason_and_nothing_changes(case):
    toeslagen = AgencyClient("belastingdienst-toeslagen")

    read = toeslagen.get(f"/cases/{case.id}")
    decided = toeslagen.post(f"/cases/{case.id}/decisions", {"result": "refused", "reasons": "x"})

    assert (read.status_code, decided.status_code) == (403, 403)
    assert decided["Content-Type"] == "application/problem+json"
    assert decided.json()["code"] == "case-of-another-organisation"
    case.refresh_from_db()
    assert (case.status, case.result) == ("received", "")


def test_statuses_follow_in_order_and_out_of_order_is_refused(case):
    svb = AgencyClient("svb")

    moved = svb.post(f"/cases/{case.id}/statuses", {"status": "in-progress"})
    back = svb.post(f"/cases/{case.id}/statuses", {"status": "received"})
    history = svb.get(f"/cases/{case.id}/statuses").json()["statuses"]

    assert moved.status_code == 201
    assert (back.status_code, back.json()["code"]) == (409, "status-out-of-order")
    assert [s["status"] for s in history] == ["received", "in-progress"]


def test_an_information_request_lands_in_the_message_box_as_an_action(case, population):
    svb = AgencyClient("svb")

    response = svb.post(f"/cases/{case.id}/information-requests", {"question": "Your IBAN?"})

    assert response.json()["status"] == "waiting-for-citizen"
    party = f"person:{population['sanne']}"
    newest = messagebox.list_messages(party, language="en").items[0]
    opened = messagebox.open_message(messagebox.Viewer(party, party), newest.id, "en")
    assert opened.body == "Your IBAN?"


def test_deciding_twice_is_refused(case):
    svb = AgencyClient("svb")
    body = {"result": "granted", "reasons": "Noor lives with you."}

    first = svb.post(f"/cases/{case.id}/decisions", body)
    second = svb.post(f"/cases/{case.id}/decisions", {**body, "result": "refused"})

    assert first.status_code == 201
    assert (second.status_code, second.json()["code"]) == (409, "case-already-decided")
    case.refresh_from_db()
    assert case.result == "granted"


def test_an_agency_that_keeps_no_register_may_not_report_registry_events(population, today):
    svb = AgencyClient("svb")
    body = {
        "type": "person.born",
        "subjectBsn": bsn_of(population["noor"]),
        "date": today.isoformat(),
    }

    response = svb.post("/registry-events", body)

    assert (response.status_code, response.json()["code"]) == (403, "organisation-may-not-report")


def test_an_agency_follows_its_cases_as_cloudevents_without_personal_data(case, population):
    svb = AgencyClient("svb")
    svb.post(f"/cases/{case.id}/statuses", {"status": "in-progress"})

    body = svb.get("/events").json()
    later = svb.get("/events", after=body["nextAfter"]).json()

    types = [e["type"] for e in body["events"]]
    assert types == ["nl.lifegate.cases.case-opened", "nl.lifegate.cases.status-changed"]
    first = body["events"][0]
    assert (first["specversion"], first["subject"]) == ("1.0", str(case.id))
    assert bsn_of(population["sanne"]) not in str(body)
    assert later["events"] == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/cases/{id}", None),
        ("get", "/cases/{id}/statuses", None),
        ("post", "/cases/{id}/information-requests", {"question": "Which school?"}),
        ("post", "/cases/{id}/decisions", {"result": "refused", "reasons": "x"}),
    ],
)
@pytest.mark.parametrize("case_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_case_id_that_names_no_case_is_a_404_problem_not_a_server_error(
    case, method, path, body, case_id
):
    svb = AgencyClient("svb")

    call = getattr(svb, method)
    response = (
        call(path.format(id=case_id)) if body is None else call(path.format(id=case_id), body)
    )

    assert response.status_code == 404, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "case-not-found"
    case.refresh_from_db()
    assert (case.status, case.result) == ("received", "")
