# SPDX-License-Identifier: EUPL-1.2
"""Someone arriving from abroad (a foreign eID, in no Dutch register yet) starts the journey
"moving to the Netherlands" themselves, once, and applies for their first registration;
once the municipality has registered them, the same journey goes on with its offers, and
what no registry knows yet (the income they expect here) is asked in their language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lifegate.cases import services as cases
from lifegate.cases.models import Offer
from lifegate.demo import models as demo_tables
from lifegate.messagebox import services as messagebox
from tests.cases.conftest import AgencyClient, signed_in, signed_in_abroad

pytestmark = pytest.mark.django_db


def test_lucia_starts_her_journey_once_and_gets_one_message(population):
    client = signed_in_abroad(population["lucia"])

    offered = client.get("/en/life-events").content.decode()
    first = client.post("/en/life-events")
    second = client.post("/en/life-events")

    assert "Start my journey: Moving to the Netherlands" in offered
    assert first["Location"] == second["Location"]
    journeys = cases.journeys_of(population["lucia"])
    assert [(j.event, j.trigger) for j in journeys] == [("moving-to-nl", "citizen.moving-in")]
    assert "Start my journey" not in client.get("/en/life-events").content.decode()
    # Her box is the population person's, reached through her eIDAS identifier.
    box = messagebox.list_messages(f"person:{population['lucia']}", language="en")
    assert box.total == 1


def test_her_journey_points_to_the_evidence_and_applying_opens_a_municipal_case(population):
    client = signed_in_abroad(population["lucia"])
    journey_url = client.post("/nl/levensgebeurtenissen")["Location"]

    page = client.get(journey_url).content.decode()
    applied = client.post(f"{journey_url}/aanvragen/eerste-inschrijving-brp")

    with translation.override("nl"):
        assert f'href="{reverse("exchange:evidence")}"' in page
    assert "Mijn geboorteakte uit mijn land ophalen" in page
    assert applied.status_code == 302
    opened = cases.cases_of_person(population["lucia"])
    assert [(c.service, c.organisation, c.shared_data) for c in opened] == [
        ("eerste-inschrijving-brp", "gemeente-utrecht", {})
    ]


def test_someone_in_the_register_cannot_start_an_arrival_journey(population):
    client = signed_in(population["sanne"])

    response = client.post("/en/life-events")

    assert response.status_code == 302
    assert cases.journeys_of(population["sanne"]) == []


LUCIA_BSN = "999900183"  # the BSN the municipality gives her (eleven-test valid, unused)
INCOME = "parent-1:yearly_income"


def _registered_by_the_municipality(population, today) -> tuple[Client, str, dict[str, Any]]:
    """Lucía applies, Utrecht decides her registration, enters her in the BRP (she has
    taken out Dutch health insurance meanwhile) and reports `person.moved-in`."""
    client = signed_in_abroad(population["lucia"])
    journey_url = client.post("/en/life-events")["Location"]
    client.post(f"{journey_url}/apply/eerste-inschrijving-brp")
    case = cases.cases_of_person(population["lucia"])[0]
    cases.decide(str(case.id), "gemeente-utrecht", "granted", "Registered.", "official:1")
    demo_tables.Person.objects.filter(person_id=population["lucia"]).update(
        bsn=LUCIA_BSN, registered_in_brp=True, municipality_code="GM0344", health_insured=True
    )
    event = {"type": "person.moved-in", "subjectBsn": LUCIA_BSN, "date": today.isoformat()}
    reported = AgencyClient("gemeente-utrecht").post("/registry-events", event)
    assert reported.status_code == 201
    return client, journey_url, reported.json()


def test_once_registered_her_own_journey_goes_on_with_the_offers_and_a_message(population, today):
    _client, journey_url, reported = _registered_by_the_municipality(population, today)
    again = AgencyClient("gemeente-utrecht").post(
        "/registry-events",
        {"type": "person.moved-in", "subjectBsn": LUCIA_BSN, "date": today.isoformat()},
    )

    journeys = cases.journeys_of(population["lucia"])
    assert [(j.event, j.trigger) for j in journeys] == [("moving-to-nl", "person.moved-in")]
    assert [j["id"] for j in reported["journeys"]] == [str(journeys[0].id)]
    assert journey_url.endswith(str(journeys[0].id))
    assert again.json() == reported
    offers = {o.service: o.eligibility for o in Offer.objects.filter(instance=journeys[0].instance)}
    assert offers["zorgtoeslag"] == "need_more_info"
    box = messagebox.list_messages(f"person:{population['lucia']}", language="en")
    subjects = [m.subject for m in box.items]
    assert subjects.count("Your journey: Moving to the Netherlands") == 2  # started, registered


@pytest.mark.parametrize(
    ("language", "question", "accept"),
    [
        ("en", "What do you expect your income to be in", "Accept Healthcare allowance"),
        ("nl", "Hoe hoog verwacht u dat uw inkomen in", "Zorgtoeslag accepteren"),
    ],
)
def test_zorgtoeslag_asks_her_expected_income_in_her_language_and_answering_makes_the_offer(
    population, today, language, question, accept
):
    client, _url, _reported = _registered_by_the_municipality(population, today)
    journey = cases.journeys_of(population["lucia"])[0]
    with translation.override(language):
        page_url = reverse("cases:journey", args=[journey.id])
        answer_url = reverse(
            "cases:answer", args=[journey.id, Offer.objects.get(service="zorgtoeslag").id]
        )

    asked = client.get(page_url).content.decode()
    answered = client.post(answer_url, {INCOME: "32.000"})
    offered = client.get(page_url).content.decode()

    assert question in asked
    assert f'name="{INCOME}"' in asked
    assert answered.status_code == 302
    zorgtoeslag = Offer.objects.get(service="zorgtoeslag")
    assert (zorgtoeslag.eligibility, zorgtoeslag.answers) == ("entitled", {INCOME: 32000.0})
    assert zorgtoeslag.amount is not None and zorgtoeslag.amount > 0
    assert question not in offered  # asked once: rent allowance has her answer too
    rent = Offer.objects.get(service="huurtoeslag")
    assert (rent.eligibility, rent.answers) == ("need_more_info", {INCOME: 32000.0})
    assert INCOME not in {f"{q['person']}:{q['field']}" for q in rent.questions}
    assert accept in offered


def test_an_income_that_is_not_a_number_is_refused_and_changes_nothing(population, today):
    client, _url, _reported = _registered_by_the_municipality(population, today)
    journey = cases.journeys_of(population["lucia"])[0]
    offer = Offer.objects.get(service="zorgtoeslag")

    refused = client.post(
        f"/en/life-events/{journey.id}/offers/{offer.id}/answers", {INCOME: "a lot"}
    )

    assert refused.status_code == 400
    assert 'data-code="answer-invalid"' in refused.content.decode()
    offer.refresh_from_db()
    assert (offer.eligibility, offer.answers) == ("need_more_info", {})
