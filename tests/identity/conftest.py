# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for identity tests: personas; the relying party calling the provider in-process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from lifegate.catalog import services as catalog_services
from lifegate.demo import models as demo_tables
from lifegate.identity import officials, rp
from tests.identity import factories


class InProcessTransport:
    """The relying party's HTTP calls, answered in-process through Django's test client."""

    def __init__(self) -> None:
        self.http = HttpClient()

    @staticmethod
    def _path(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def get_json(self, url: str, bearer: str = "") -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        response = self.http.get(self._path(url), headers=headers)
        assert response.status_code == 200, response.content
        body: dict[str, Any] = response.json()
        return body

    def post_form(
        self, url: str, data: dict[str, str], basic: tuple[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        response = self.http.post(self._path(url), data)
        return response.status_code, response.json()


@pytest.fixture
def in_process_provider() -> Iterator[InProcessTransport]:
    transport = InProcessTransport()
    rp.use_transport(transport)
    rp._metadata.clear()
    rp._key_sets.clear()
    yield transport
    rp.reset_transport()
    rp._metadata.clear()
    rp._key_sets.clear()


@pytest.fixture
def people(db: Any) -> dict[str, demo_tables.Person]:
    return factories.personas(timezone.localdate())


@pytest.fixture
def catalog(db: Any) -> None:
    """The catalog's services, events and organisations, as the demo seeds them."""
    catalog_services.seed_organisations()


@pytest.fixture
def still_clock(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """Holds the clock the TOTP check reads still, so that a 30-second step boundary cannot
    pass between making a code and the server checking it (a race on a loaded machine)."""
    moment = timezone.now()
    monkeypatch.setattr(officials, "timezone", SimpleNamespace(now=lambda: moment))
    return moment
