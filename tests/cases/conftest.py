# SPDX-License-Identifier: EUPL-1.2
"""The demo population (personas included), Sanne's birth journey, agencies' API clients,
signed-in citizens (with a Dutch or a foreign eID)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import pytest
from django.test import Client

from lifegate.cases import services as cases
from lifegate.demo import services as demo
from lifegate.identity import models as identity_tables
from lifegate.identity import session
from lifegate.outbox import scheduling
from lifegate.registries import services as registries
from tests.cases.population import bsn_of, load
from tests.identity.agency import agency_token

__all__ = ["bsn_of"]


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    from lifegate.messagebox.sending import HOUSEKEEPING  # noqa: PLC0415

    registries.reset_transports()
    scheduling.PUMP.forget()
    HOUSEKEEPING.forget()
    yield
    registries.reset_transports()


@pytest.fixture
def population(db: None, today: dt.date) -> dict[str, int]:
    """Person ids of the personas by first name (`sanne`, `daan`, `noor`, ...)."""
    return load(today)


def signed_in(
    person_id: int, acting_for: int | None = None, mandate_id: int | None = None
) -> Client:
    """A browser session signed in as the person (optionally acting for someone else)."""
    person = demo.find_person(person_id)
    assert person is not None
    client = Client()
    store = client.session
    store[session.CITIZEN] = asdict(
        session.Citizen(
            "nl",
            person_id,
            True,
            person.given_names,
            person.family_name,
            person.birth_date.isoformat(),
            "substantial",
        )
    )
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    if acting_for is not None:
        other = demo.find_person(acting_for)
        assert other is not None
        party = session.Party("person", str(acting_for), other.given_names)
        store[session.ACTING_FOR] = {
            "party": asdict(party),
            "basis": "mandate",
            "mandate_id": mandate_id,
        }
    store.save()
    return client


@pytest.fixture
def journey(population: dict[str, int], today: dt.date) -> cases.Journey:
    """Sanne's journey "a child is born", opened by Noor's registered birth."""
    event = cases.RegistryEvent(
        "person.born",
        bsn_of(population["noor"]),
        today,
        (bsn_of(population["sanne"]), bsn_of(population["daan"])),
    )
    return next(j for j in cases.record_registry_event(event) if j.person_id == population["sanne"])


def signed_in_abroad(person_id: int) -> Client:
    """A browser session signed in with the person's foreign eID (eIDAS, not registered)."""
    person = demo.find_person(person_id)
    assert person is not None
    record = identity_tables.ForeignIdentity.objects.create(
        person_identifier=person.foreign_id,
        family_name=person.family_name,
        given_names=person.given_names,
        birth_date=person.birth_date,
    )
    client = Client()
    store = client.session
    citizen = session.Citizen(
        "eidas", None, False, person.given_names, person.family_name,
        person.birth_date.isoformat(), "substantial", record.pk,
    )  # fmt: skip
    store[session.CITIZEN] = asdict(citizen)
    store[session.SIGNED_IN_AT] = store[session.LAST_SEEN] = int(time.time())
    store.save()
    return client


class AgencyClient:
    def __init__(self, organisation: str) -> None:
        self.client = Client()
        self.headers: dict[str, Any] = {
            "HTTP_AUTHORIZATION": f"Bearer {agency_token(organisation)}"
        }

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            "/api/v1/cases" + path, body, content_type="application/json", **self.headers
        )

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get("/api/v1/cases" + path, params, **self.headers)
