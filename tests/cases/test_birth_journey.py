# SPDX-License-Identifier: EUPL-1.2
"""A birth registered: journeys for both parents, offers, accept, a case, a decision."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lifegate.cases import services as cases
from lifegate.cases.models import Offer
from lifegate.exchange import models as exchange_tables
from lifegate.messagebox import services as messagebox
from lifegate.outbox.models import Event
from tests.cases.conftest import bsn_of

pytestmark = pytest.mark.django_db


def born(population, today):
    event = cases.RegistryEvent(
        "person.born",
        bsn_of(population["noor"]),
        today,
        (bsn_of(population["sanne"]), bsn_of(population["daan"])),
    )
    return cases.record_registry_event(event)


def test_a_registered_birth_opens_a_journey_for_each_parent(population, today):
    journeys = born(population, today)

    assert sorted(j.person_id for j in journeys) == sorted(
        [population["sanne"], population["daan"]]
    )
    assert {j.event for j in journeys} == {"birth"}
    assert len({j.household_key for j in journeys}) == 1


def test_the_same_event_twice_opens_nothing_twice(population, today):
    born(population, today)
    messages = messagebox.list_messages(f"person:{population['sanne']}", language="nl").total

    born(population, today)

    assert cases.Journey.objects.count() == 2
    assert Offer.objects.count() == 3
    assert (
        messagebox.list_messages(f"person:{population['sanne']}", language="nl").total == messages
    )


def test_the_offers_follow_the_rules_and_reads_go_through_the_exchange(population, today):
    journey = born(population, today)[0]

    offers = {o.service: o for o in Offer.objects.all()}
    assert offers["kinderbijslag"].eligibility == "entitled"
    assert offers["kinderbijslag"].amount == Decimal("286.45")
    assert offers["kinderbijslag"].period == "quarter"
    assert offers["kindgebonden-budget"].eligibility == "entitled"
    assert offers["zorgtoeslag"].eligibility == "not_entitled"
    assert "50" in offers["zorgtoeslag"].explanation["en"]
    reads = exchange_tables.ProcessingRecord.objects.filter(journey=f"journey:{journey.id}")
    assert reads.count() >= 3
    assert set(reads.values_list("status", flat=True)) == {"released"}


def test_each_parent_gets_a_message_pointing_to_the_journey(population, today):
    born(population, today)

    for who in ("sanne", "daan"):
        page = messagebox.list_messages(f"person:{population[who]}", language="en")
        assert page.total == 1


def test_accepting_opens_a_case_at_svb_with_the_shared_data_and_an_event(population, today):
    born(population, today)
    offer = Offer.objects.get(service="kinderbijslag")

    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])

    assert (case.organisation, case.status, case.case_type) == (
        "svb",
        "received",
        "zaaktype:kinderbijslag",
    )
    assert case.shared_data["persons.familyName"] == "de Vries"
    event = Event.objects.get(type="nl.lifegate.cases.case-opened")
    assert event.organisation == "svb"
    assert bsn_of(population["sanne"]) not in str(event.data)


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("accepted", "offer-already-accepted"),
        ("withdrawn", "offer-withdrawn"),
        ("expired", "offer-expired"),
        ("declined", "offer-already-declined"),
    ],
)
def test_an_offer_that_is_no_longer_open_is_refused_and_nothing_changes(
    population, today, setup, code
):
    born(population, today)
    offer = Offer.objects.get(service="kinderbijslag")
    sanne = population["sanne"]
    if setup == "accepted":
        cases.accept_offer(str(offer.id), sanne, sanne)
    elif setup == "withdrawn":
        cases.withdraw_offer(str(offer.id))
    elif setup == "declined":
        cases.decline_offer(str(offer.id), sanne, sanne)
    else:
        Offer.objects.filter(id=offer.id).update(expires_at="2000-01-01T00:00:00Z")
    before = cases.Case.objects.count()

    with pytest.raises(cases.ProblemError) as refusal:
        cases.accept_offer(str(offer.id), sanne, sanne)

    assert cases.code_of(refusal.value) == code
    assert cases.Case.objects.count() == before


def test_the_partner_cannot_accept_what_the_household_already_accepted(population, today):
    born(population, today)
    offer = Offer.objects.get(service="kinderbijslag")
    cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])

    with pytest.raises(cases.ProblemError) as refusal:
        cases.accept_offer(str(offer.id), population["daan"], population["daan"])

    assert cases.code_of(refusal.value) == "offer-already-accepted"


def test_someone_outside_the_household_cannot_see_or_accept_the_offer(population, today):
    born(population, today)
    offer = Offer.objects.get(service="kinderbijslag")

    with pytest.raises(cases.ProblemError) as refusal:
        cases.accept_offer(str(offer.id), population["jan"], population["jan"])

    assert cases.code_of(refusal.value) == "offer-not-found"


def test_a_decision_lands_in_the_message_box_with_reasons_and_how_to_object(population, today):
    born(population, today)
    offer = Offer.objects.get(service="kinderbijslag")
    case = cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])

    cases.decide(
        str(case.id), "svb", "granted", "Noor is under 18 and lives with you.", "official:1"
    )

    party = f"person:{population['sanne']}"
    page = messagebox.list_messages(party, language="en")
    newest = page.items[0]
    opened = messagebox.open_message(messagebox.Viewer(party, party), newest.id, "en")
    assert "Decision" in opened.subject
    assert "Noor is under 18" in opened.body
    assert "objection" in opened.body
    assert Event.objects.filter(type="nl.lifegate.cases.case-decided").count() == 1


def test_applying_for_a_service_that_is_not_offered_opens_a_case_once(population, today):
    journey = next(j for j in born(population, today) if j.person_id == population["sanne"])
    sanne = population["sanne"]

    case = cases.apply(str(journey.id), "kinderopvangtoeslag", sanne, sanne)
    with pytest.raises(cases.ProblemError) as twice:
        cases.apply(str(journey.id), "kinderopvangtoeslag", sanne, sanne)

    assert (case.organisation, case.status) == ("belastingdienst-toeslagen", "received")
    assert case.shared_data == {}  # no processing activity covers it: nothing is shared
    assert cases.code_of(twice.value) == "already-applied"
    steps = {s.service: s.state for s in cases.steps_of(journey, "en")}
    assert steps["kinderopvangtoeslag"] == "waiting"
    assert steps["aangifte-geboorte"] == "done"
    assert steps["kinderbijslag"] == "offered"
    assert steps["zorgtoeslag"] == "not-applicable"
