# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from tests.credentials.credentials_factory import Demo

# Issuing reads the registries through the exchange, which writes processing-log records and
# ledger entries; the live-server tests' flush needs the append-only guard lifted first.


@pytest.fixture
def demo() -> Demo:
    return Demo()


# Fixtures of the Django side: Ahmed with his diploma, served on a real loopback server.


@pytest.fixture
def ahmed(db):
    from tests.credentials.registry_factory import ahmed_el_amrani  # noqa: PLC0415

    return ahmed_el_amrani()


@pytest.fixture
def served(live_server, settings, ahmed):
    """The installation on loopback: PUBLIC_URL is the live server, so every call is HTTP."""
    from lifegate.credentials import trust  # noqa: PLC0415

    settings.PUBLIC_URL = live_server.url
    settings.CREDENTIALS_STATUS_TTL = 60
    trust.forget()
    yield live_server.url
    trust.forget()


@pytest.fixture
def http():
    import httpx  # noqa: PLC0415

    with httpx.Client(timeout=10.0) as client:
        yield client


# A foreign issuer on loopback (tests/credentials/foreign_issuer.py) and this installation
# trusting it by name.


@pytest.fixture
def foreign():
    from tests.credentials.foreign_issuer import serve_foreign_issuer  # noqa: PLC0415

    yield from serve_foreign_issuer()


@pytest.fixture
def trusting(served, settings, foreign):
    from tests.credentials.foreign_issuer import trust_only  # noqa: PLC0415

    return trust_only(settings, foreign)
