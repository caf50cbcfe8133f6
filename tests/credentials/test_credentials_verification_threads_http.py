# SPDX-License-Identifier: EUPL-1.2
"""Two desks at once over real HTTP: while the university waits for a slow foreign issuer's
status list to check Lucía's Spanish diploma, Ahmed's Dutch diploma is checked at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from django.db import connections

from lifegate.credentials import services, trust
from lifegate.credentials.wallet import Wallet
from tests.credentials.foreign_issuer import ForeignIssuer, check_at_the_university
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 15.0  # seconds a desk may take before the test calls it stuck


def _at_the_university(wallet: Wallet) -> Callable[[], dict[str, Any]]:
    def check() -> dict[str, Any]:
        try:
            return check_at_the_university(wallet)
        finally:
            connections.close_all()  # this thread's own database connection

    return check


def test_a_desk_waiting_for_a_foreign_status_list_holds_up_no_other_desk(
    trusting: ForeignIssuer, served: str, http: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The held-back list must outwait Ahmed's whole check, however slow the machine.
    monkeypatch.setattr(trust, "_TIMEOUT", httpx.Timeout(WAIT + 5))
    trust.forget()
    lucia = Wallet({}, http, served)
    lucia.keep(trusting.diploma_for(lucia, "es-1"))
    ahmed = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    ahmed.receive(offer.link, offer.tx_code)
    trusting.status_gate = gate = threading.Event()

    with ThreadPoolExecutor(max_workers=2) as pool:
        lucias = pool.submit(_at_the_university(lucia))
        assert trusting.status_asked.wait(WAIT), "the desk never asked for Lucía's status list"
        ahmeds = pool.submit(_at_the_university(ahmed)).result(timeout=WAIT)

        assert ahmeds["ok"] is True, ahmeds
        assert not lucias.done()  # still waiting for the Spanish status list
        gate.set()
        assert lucias.result(timeout=WAIT)["ok"] is True
