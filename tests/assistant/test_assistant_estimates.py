# SPDX-License-Identifier: EUPL-1.2
"""Signed in, the finder shows which of the found services the citizen is likely entitled
to, from the rules' latest proactive run, marked as an estimate."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils import translation

from lifegate.assistant import services
from lifegate.identity.services import Citizen
from lifegate.rules.models import EligibilityOffer, ProactiveRun

pytestmark = pytest.mark.django_db
SANNE = Citizen("nl", 42, True, "Sanne", "de Vries", "1994-01-01", "substantial")


def _offer(run: ProactiveRun, service: str, status: str, amount: str | None, period: str) -> None:
    EligibilityOffer.objects.create(
        run=run,
        as_of=dt.date(2025, 7, 1),
        person_id=42,
        service=service,
        status=status,
        amount=Decimal(amount) if amount else None,
        period=period,
        household_key=1,
    )


def test_a_signed_in_citizen_sees_estimates_for_the_services_of_the_found_life_event():
    run = ProactiveRun.objects.create(id=uuid.uuid4(), as_of=dt.date(2025, 7, 1), engine="local")
    _offer(run, "kinderbijslag", "entitled", "286.45", "quarter")
    _offer(run, "zorgtoeslag", "need_more_info", None, "month")
    _offer(run, "aow", "entitled", "1500.00", "month")  # not about a birth: left out
    results = services.search("we krijgen een kindje", "en", record=False).results

    with translation.override("en"):
        found = services.estimates(SANNE, results, "en")

    headlines = {e.service: e.headline for e in found}
    assert set(headlines) == {"kinderbijslag", "zorgtoeslag"}
    assert (
        headlines["kinderbijslag"] == "Child benefit: probably entitled, about €286.45 per quarter."
    )
    assert "need to know more" in headlines["zorgtoeslag"]


def test_without_a_run_or_sign_in_there_is_no_estimate():
    results = services.search("kinderbijslag", "nl", record=False).results

    assert services.estimates(SANNE, results, "nl") == []
    assert services.estimates(None, results, "nl") == []
