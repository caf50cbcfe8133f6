# SPDX-License-Identifier: EUPL-1.2
"""Acting for someone else under a mandate (logged under both names); the short form for
what the government does not know, asked once."""

from __future__ import annotations

import pytest

from lifegate.cases import services as cases
from lifegate.cases.models import Offer
from lifegate.identity import models as identity_tables
from tests.cases.conftest import bsn_of, signed_in

pytestmark = pytest.mark.django_db


def _retirement(population, today, who: str) -> cases.Journey:
    event = cases.RegistryEvent("person.reaches-pension-age", bsn_of(population[who]), today)
    return cases.record_registry_event(event)[0]


def test_kees_is_asked_only_what_the_registries_do_not_know(population, today):
    journey = _retirement(population, today, "kees")
    offer = Offer.objects.get(instance=journey.instance, service="huurtoeslag")
    keys = sorted(f"{q['person'] or 'home'}:{q['field']}" for q in offer.questions)

    assert offer.eligibility == "need_more_info"
    assert "parent-1:yearly_income" not in keys  # the income registry knows it
    given = {key: "2000" if key.endswith("monthly_rent") else "yes" for key in keys}
    answered = cases.answer(str(offer.id), population["kees"], given)

    assert "home:monthly_rent" in keys
    assert answered.eligibility in {"entitled", "not_entitled"}
    assert answered.questions == []
    assert answered.answers


def test_a_bad_answer_is_refused_and_nothing_is_stored(population, today):
    journey = _retirement(population, today, "kees")
    offer = Offer.objects.get(instance=journey.instance, service="huurtoeslag")

    with pytest.raises(cases.ProblemError) as refusal:
        cases.answer(str(offer.id), population["kees"], {})

    assert cases.code_of(refusal.value) == "answer-invalid"
    offer.refresh_from_db()
    assert (offer.eligibility, offer.answers) == ("need_more_info", {})


def test_eva_accepts_an_offer_for_jan_under_her_mandate_and_it_is_logged_under_both(
    population, today
):
    journey = _retirement(population, today, "jan")
    offer = Offer.objects.get(instance=journey.instance, service="zorgtoeslag")
    mandate = identity_tables.Mandate.objects.get(holder_person_id=population["eva"])
    eva = signed_in(population["eva"], acting_for=population["jan"], mandate_id=mandate.pk)

    page = eva.get(f"/en/life-events/{journey.id}")
    accepted = eva.post(f"/en/life-events/{journey.id}/offers/{offer.id}/accept")

    assert "You are acting for Jan" in page.content.decode()
    assert accepted.status_code == 302
    case = cases.cases_of_person(population["jan"])[0]
    assert (case.service, case.organisation) == ("zorgtoeslag", "belastingdienst-toeslagen")
    offer.refresh_from_db()
    assert offer.decided_by == population["eva"]
    assert identity_tables.ActionRecord.objects.filter(action="cases.accepted").exists()


def test_a_mandate_that_does_not_cover_the_service_is_refused(population, today):
    journey = _retirement(population, today, "jan")
    offer = Offer.objects.get(instance=journey.instance, service="zorgtoeslag")
    identity_tables.Mandate.objects.filter(holder_person_id=population["eva"]).update(scope="taxes")
    mandate = identity_tables.Mandate.objects.get(holder_person_id=population["eva"])
    eva = signed_in(population["eva"], acting_for=population["jan"], mandate_id=mandate.pk)

    response = eva.post(f"/en/life-events/{journey.id}/offers/{offer.id}/accept")

    assert response.status_code == 403
    assert cases.cases_of_person(population["jan"]) == []
