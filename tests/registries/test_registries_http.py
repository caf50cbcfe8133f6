# SPDX-License-Identifier: EUPL-1.2
"""Registries as HTTP services: the exchange reads them over real HTTP (Haal Centraal style)."""

from __future__ import annotations

import socket

import pytest

from lifegate.exchange import services as exchange
from lifegate.registries import services as registries
from lifegate.registries.catalogue import REGISTRIES
from lifegate.registries.transport import HttpTransport, InProcessTransport

pytestmark = pytest.mark.usefixtures("transactional_db")


class RecordingTransport(HttpTransport):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.bodies: list[bytes] = []
        self.traceparents: list[str] = []
        self.urls: list[str] = []
        self.client.event_hooks["request"] = [self._record]

    def _record(self, request: object) -> None:
        self.urls.append(str(request.url))  # type: ignore[attr-defined]
        self.bodies.append(request.read())  # type: ignore[attr-defined]
        self.traceparents.append(request.headers.get("traceparent", ""))  # type: ignore[attr-defined]


def test_the_exchange_reads_every_registry_over_http_without_personal_data_in_urls(
    live_server, people
):
    transports = {
        name: RecordingTransport(f"{live_server.url}/api/v1", REGISTRIES[name].key)
        for name in REGISTRIES
    }
    for name, transport in transports.items():
        registries.use_transport(name, transport)
    subject = exchange.Subject.bsn(people["sanne"].bsn)

    try:
        released = exchange.read_person_data(
            exchange.Requester("gemeente-utrecht"),
            "utrecht-population-register",
            subject,
            ["persons.familyName", "addresses.postcode"],
        )
        company = exchange.read_person_data(
            exchange.Requester("kvk"),
            "kvk-trade-register",
            exchange.Subject.kvk("12345678"),
            ["companies.name"],
        )
    finally:
        for transport in transports.values():
            transport.client.close()

    assert released.data == {
        "persons": {"familyName": "de Vries"},
        "addresses": {"postcode": "3511AB"},
    }
    assert company.data == {"companies": {"name": "Bakkerij Van Dijk"}}
    urls = [u for t in transports.values() for u in t.urls]
    assert urls and all(people["sanne"].bsn not in u for u in urls)
    # Only the field asked for, and the municipality the remit check needs (not released).
    assert b'"fields":["familyName","municipalityCode"]' in transports["persons"].bodies[-1]
    # W3C trace context: each registry call continues the read's trace.
    for name in ("persons", "addresses"):
        assert transports[name].traceparents[-1].split("-")[1] == released.trace.trace_id


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_registry_named_in_the_settings_is_reached_over_http(live_server, people, settings):
    settings.REGISTRY_URLS = [f"incomes={live_server.url}/api/v1"]
    registries.reset_transports()
    incomes = registries.transport_for("incomes")

    try:
        released = exchange.read_person_data(
            exchange.Requester("belastingdienst-toeslagen"),
            "toeslagen-healthcare-allowance",
            exchange.Subject.bsn(people["sanne"].bsn),
            ["incomes.yearlyIncome"],
        )
    finally:
        assert isinstance(incomes, HttpTransport)
        incomes.client.close()

    assert isinstance(registries.transport_for("persons"), InProcessTransport)
    assert released.data == {"incomes": {"yearlyIncome": 30_000}}


def test_a_configured_registry_that_does_not_answer_releases_nothing(people, settings):
    settings.REGISTRY_URLS = [f"incomes=http://127.0.0.1:{_closed_port()}/api/v1"]
    registries.reset_transports()
    incomes = registries.transport_for("incomes")

    with pytest.raises(exchange.RefusedError) as refused:
        exchange.read_person_data(
            exchange.Requester("belastingdienst-toeslagen"),
            "toeslagen-healthcare-allowance",
            exchange.Subject.bsn(people["sanne"].bsn),
            ["incomes.yearlyIncome"],
        )
    assert isinstance(incomes, HttpTransport)
    incomes.client.close()

    assert refused.value.reason == "registry-unavailable"
    assert refused.value.problem().http_status == 503
