# SPDX-License-Identifier: EUPL-1.2
"""The nightly proactive run taken up in the journeys: a changed situation makes or updates
the household's offer, which shows on the journey page; running it again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifegate.cases import services as cases
from lifegate.cases.models import Offer
from lifegate.cases.proactive import take_up_run
from lifegate.demo import models as demo_tables
from lifegate.messagebox import services as messagebox
from tests.cases.conftest import signed_in

pytestmark = pytest.mark.django_db


def _nightly(today) -> str:
    call_command("proactive", "run", "--as-of", today.isoformat(), stdout=StringIO())
    out = StringIO()
    call_command("proactive_offers", stdout=out)
    return out.getvalue()


def test_daan_losing_income_turns_zorgtoeslag_into_an_offer_on_the_journey_page(
    population, journey, today
):
    assert Offer.objects.get(service="zorgtoeslag").eligibility == "not_entitled"
    demo_tables.Person.objects.filter(person_id=population["daan"]).update(yearly_income=0)

    report = _nightly(today)

    zorgtoeslag = Offer.objects.get(service="zorgtoeslag")
    assert zorgtoeslag.eligibility == "entitled"
    assert zorgtoeslag.amount is not None and zorgtoeslag.amount > 0
    assert "1 brought up to date" in report
    page = signed_in(population["sanne"]).get(f"/en/life-events/{journey.id}")
    step = page.content.decode().split('id="step-zorgtoeslag"')[1].split("</li>")[0]
    assert "Offered to you" in step
    for parent in ("sanne", "daan"):
        box = messagebox.list_messages(f"person:{population[parent]}", language="en")
        assert box.items[0].subject == "New in your journey: Healthcare allowance"


def test_taking_up_the_same_run_twice_changes_nothing(population, journey, today):
    demo_tables.Person.objects.filter(person_id=population["daan"]).update(yearly_income=0)
    _nightly(today)
    before = list(Offer.objects.order_by("service").values_list("service", "eligibility", "amount"))

    messages = messagebox.list_messages(f"person:{population['sanne']}", language="en").total

    again = take_up_run()

    assert (again.made, again.updated) == (0, 0)
    assert messagebox.list_messages(f"person:{population['sanne']}", language="en").total == (
        messages
    )
    after = list(Offer.objects.order_by("service").values_list("service", "eligibility", "amount"))
    assert after == before


def test_an_unchanged_situation_makes_and_updates_no_offer(population, journey, today):
    before = list(Offer.objects.values_list("id", "eligibility", "amount"))

    report = _nightly(today)

    assert "0 offers made, 0 brought up to date" in report
    assert sorted(Offer.objects.values_list("id", "eligibility", "amount")) == sorted(before)


def test_an_offer_already_accepted_is_left_as_it_is(population, journey, today):
    offer = Offer.objects.get(service="kinderbijslag")
    cases.accept_offer(str(offer.id), population["sanne"], population["sanne"])
    demo_tables.Person.objects.filter(person_id=population["noor"]).update(birth_date="1990-01-01")

    _nightly(today)

    offer.refresh_from_db()
    assert (offer.state, offer.eligibility) == ("accepted", "entitled")


def test_without_a_run_the_command_says_to_run_it_first(population, journey):
    with pytest.raises(CommandError, match="lifegate proactive run"):
        call_command("proactive_offers", stdout=StringIO())
