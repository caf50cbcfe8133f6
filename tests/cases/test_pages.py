# SPDX-License-Identifier: EUPL-1.2
"""The citizen's journey and cases pages, and the officials' work queue (in-process)."""

from __future__ import annotations

import time
from dataclasses import asdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lifegate.cases import services as cases
from lifegate.cases.models import Case, Offer
from lifegate.identity import session
from lifegate.identity.officials import ensure_official
from tests.cases.conftest import signed_in

pytestmark = pytest.mark.django_db


def _official(organisation: str) -> Client:
    ensure_official(organisation, f"ambtenaar-{organisation}")
    client = Client()
    client.force_login(get_user_model().objects.get(username=f"ambtenaar-{organisation}"))
    return client


@pytest.mark.parametrize(
    ("language", "offered", "zorgtoeslag"),
    [
        ("en", "Offered to you", "not entitled"),
        ("nl", "Aangeboden", "geen recht"),
    ],
)
def test_the_journey_page_shows_steps_across_agencies_with_offers(
    population, journey, language, offered, zorgtoeslag
):
    client = signed_in(population["sanne"])

    page = client.get(
        f"/{language}/{'life-events' if language == 'en' else 'levensgebeurtenissen'}/{journey.id}"
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert offered in text
    assert "286" in text
    assert zorgtoeslag in text
    assert "Sociale Verzekeringsbank" in text or "Social Insurance Bank" in text


def test_accepting_on_the_page_opens_a_case_shown_in_my_cases(population, journey):
    client = signed_in(population["sanne"])
    offer = Offer.objects.get(service="kinderbijslag")

    response = client.post(f"/en/life-events/{journey.id}/offers/{offer.id}/accept")
    again = client.post(f"/en/life-events/{journey.id}/offers/{offer.id}/accept")
    listed = client.get("/en/my-cases").content.decode()

    assert response.status_code == 302
    assert again.status_code == 409
    assert Case.objects.get().reference in listed
    assert "Received" in listed


def test_another_person_cannot_open_the_journey(population, journey):
    client = signed_in(population["jan"])

    response = client.get(f"/en/life-events/{journey.id}")

    assert response.status_code == 404


def test_the_official_sees_only_their_organisations_cases_and_decides(population, journey):
    offer = Offer.objects.get(service="kinderbijslag")
    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])
    svb, toeslagen = _official("svb"), _official("belastingdienst-toeslagen")

    queue = svb.get("/en/officials/cases").content.decode()
    other_queue = toeslagen.get("/en/officials/cases").content.decode()
    other_case = toeslagen.get(f"/en/officials/cases/{case.id}")
    page = svb.get(f"/en/officials/cases/{case.id}").content.decode()
    decided = svb.post(
        f"/en/officials/cases/{case.id}/decide", {"result": "granted", "reasons": "Entitled."}
    )

    assert case.reference in queue
    assert case.reference not in other_queue
    assert other_case.status_code == 403
    assert "de Vries" in page
    assert "yearly income" not in page
    assert decided.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.result) == ("decided", "granted")


def test_a_refusal_on_the_page_is_in_the_citizens_language_and_changes_nothing(population, journey):
    client = signed_in(population["sanne"])
    offer = Offer.objects.get(service="kinderbijslag")
    path = f"/nl/levensgebeurtenissen/{journey.id}/aanbiedingen/{offer.id}"
    client.post(f"{path}/weigeren")

    refused = client.post(f"{path}/accepteren")

    assert refused.status_code == 409
    assert "Dit aanbod is geweigerd" in refused.content.decode()
    assert Case.objects.count() == 0


def test_an_official_cannot_send_an_empty_question(population, journey):
    offer = Offer.objects.get(service="kinderbijslag")
    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])

    response = _official("svb").post(f"/en/officials/cases/{case.id}/ask", {"question": " "})

    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == "received"


def test_someone_not_yet_in_the_population_register_is_told_why_there_are_no_journeys(db):
    client = Client()
    store = client.session
    citizen = session.Citizen("eidas", None, False, "Lucía", "García", "1996-02-14", "substantial")
    store[session.CITIZEN] = asdict(citizen)
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store.save()

    response = client.get("/en/life-events")

    assert response.status_code == 403
    assert "Once you are registered" in response.content.decode()


def test_an_official_of_another_organisation_cannot_decide_or_ask_and_nothing_changes(
    population, journey
):
    offer = Offer.objects.get(service="kinderbijslag")
    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])
    toeslagen = _official("belastingdienst-toeslagen")

    decided = toeslagen.post(
        f"/en/officials/cases/{case.id}/decide", {"result": "refused", "reasons": "No."}
    )
    asked = toeslagen.post(f"/en/officials/cases/{case.id}/ask", {"question": "Your IBAN?"})

    assert (decided.status_code, asked.status_code) == (403, 403)
    case.refresh_from_db()
    assert (case.status, case.result, case.statuses.count()) == ("received", "", 1)
