# SPDX-License-Identifier: EUPL-1.2
"""The nightly scan of the registry, legal basis per trigger, consent first where none."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from lifegate.cases import casetypes, services
from lifegate.cases.models import Journey, Offer
from lifegate.cases.triggers import TRIGGERS
from tests.cases.conftest import bsn_of

pytestmark = pytest.mark.django_db


def test_the_scan_opens_the_birth_journeys_of_yesterday_once(population, today):
    out = StringIO()

    call_command("registry_events", "--days", "2", stdout=out)
    call_command("registry_events", "--days", "2", stdout=StringIO())

    parents = {population["sanne"], population["daan"]}
    births = Journey.objects.filter(event="birth")
    assert set(births.values_list("person_id", flat=True)) == parents
    assert births.count() == 2
    assert "2 journeys opened now" in out.getvalue()


def test_turning_18_has_no_legal_basis_so_the_citizen_is_asked_first(population, today):
    event = services.RegistryEvent("person.turns-18", bsn_of(population["mila"]), today)

    journey = services.record_registry_event(event)[0]

    assert journey.consent == "asked"
    assert not Offer.objects.filter(instance=journey.instance).exists()
    services.give_consent(str(journey.id), population["mila"])
    assert Offer.objects.filter(instance=journey.instance, service="zorgtoeslag").exists()


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_every_trigger_declares_its_legal_basis_or_asks_for_consent(trigger):
    rule = TRIGGERS[trigger]

    assert rule.basis is None or rule.basis.reference.startswith("https://wetten.overheid.nl/")


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("received", "in-progress", True),
        ("in-progress", "waiting-for-citizen", True),
        ("waiting-for-citizen", "documents-received", True),
        ("received", "decided", False),
        ("in-progress", "received", False),
        ("decided", "in-progress", False),
    ],
)
def test_statuses_follow_their_order(current, new, allowed):
    assert casetypes.may_follow(current, new) is allowed


def test_an_unknown_event_or_person_is_refused(population, today):
    with pytest.raises(services.ProblemError) as unknown_type:
        services.record_registry_event(services.RegistryEvent("person.wins-lottery", "1", today))
    with pytest.raises(services.ProblemError) as unknown_person:
        services.record_registry_event(
            services.RegistryEvent("person.turns-18", "123456782", today)
        )

    assert services.code_of(unknown_type.value) == "event-unknown"
    assert services.code_of(unknown_person.value) == "person-unknown"
    assert Journey.objects.count() == 0
