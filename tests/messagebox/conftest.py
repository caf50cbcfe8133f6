# SPDX-License-Identifier: EUPL-1.2
"""An agency's authenticated API client and a recipient, for the message box tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from lifegate.demo import models as demo
from lifegate.outbox import scheduling
from tests.identity.agency import agency_token
from tests.messagebox import factories


class AgencyClient:
    """POST/GET as one organisation with its bearer token."""

    def __init__(self, client: Client, token: str) -> None:
        self.client = client
        self.headers: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(self, path: str, body: Any = None, key: str | None = None) -> Any:
        extra = dict(self.headers)
        if key is not None:
            extra["HTTP_IDEMPOTENCY_KEY"] = key
        return self.client.post(
            "/api/v1" + path, body or {}, content_type="application/json", **extra
        )

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get("/api/v1" + path, params, **self.headers)


@pytest.fixture(autouse=True)
def _fresh_wakers() -> Iterator[None]:
    from lifegate.messagebox.sending import HOUSEKEEPING  # noqa: PLC0415

    scheduling.PUMP.forget()
    HOUSEKEEPING.forget()
    yield


@pytest.fixture
def svb(db: None, client: Client) -> AgencyClient:
    return AgencyClient(client, agency_token("svb"))


@pytest.fixture
def duo(db: None) -> AgencyClient:
    return AgencyClient(Client(), agency_token("duo"))


@pytest.fixture
def sanne(db: None) -> demo.Person:
    return factories.person()
