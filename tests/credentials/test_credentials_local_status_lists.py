# SPDX-License-Identifier: EUPL-1.2
"""A desk checks this installation's own credentials against the status lists where they are
kept, not by calling its own public address: behind a proxy or in a container that address
often does not reach back in, and on a busy server the call would wait for one of its own
threads, which the verifications waiting for that list may all hold."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.core.wsgi import get_wsgi_application

from lifegate.credentials import configurations, services, trust
from lifegate.credentials.models import CredentialStatus, IssuedCredential
from lifegate.credentials.wallet import Wallet
from tests.credentials.foreign_issuer import check_at_the_university
from tests.credentials.registry_factory import AHMED_ID

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the probe is


@pytest.fixture
def behind_a_proxy(settings: Any, ahmed: Any) -> Iterator[httpx.Client]:
    """The installation's public address answers nothing from inside: only the citizen's
    wallet reaches it, here through the WSGI application itself (as a proxy would)."""
    settings.PUBLIC_URL = f"http://127.0.0.1:{_closed_port()}"
    trust.forget()
    with httpx.Client(transport=httpx.WSGITransport(app=get_wsgi_application())) as client:
        yield client
    trust.forget()


def _ahmeds_diploma(http: httpx.Client, served: str) -> tuple[Wallet, IssuedCredential]:
    wallet = Wallet({}, http, served)
    offer = services.create_offer("diploma", AHMED_ID)
    wallet.receive(offer.link, offer.tx_code)
    row = IssuedCredential.objects.filter(copy_of=None).order_by("-issued_at").first()
    assert row is not None
    return wallet, row


@pytest.mark.parametrize(
    ("status", "ok", "reason"),
    [
        (None, True, ""),
        (CredentialStatus.SUSPENDED, False, "suspended"),
        (CredentialStatus.REVOKED, False, "revoked"),
    ],
)
def test_a_desk_reads_its_own_status_list_without_calling_its_public_address(
    behind_a_proxy: httpx.Client,
    settings: Any,
    status: CredentialStatus | None,
    ok: bool,
    reason: str,
) -> None:
    wallet, row = _ahmeds_diploma(behind_a_proxy, settings.PUBLIC_URL)
    if status is not None:
        services.set_status("duo", row.id, status, by="test")

    verdict = check_at_the_university(wallet)

    assert verdict["ok"] is ok, verdict
    assert verdict["reason"] == reason


def test_a_list_of_this_installation_that_does_not_exist_is_unavailable_not_fetched(
    behind_a_proxy: httpx.Client, settings: Any
) -> None:
    lists = trust.LocalFirstStatusLists(trust.HttpStatusLists(behind_a_proxy))
    uri = configurations.status_list_uri("duo", 99)

    with pytest.raises(ValueError, match="there is no status list at"):
        lists.fetch(uri)


def test_a_list_published_elsewhere_is_fetched_over_http(
    served: str, settings: Any, http: httpx.Client
) -> None:
    _ahmeds_diploma(http, served)
    served_token = http.get(f"{served}/credentials/status-lists/duo/1").text
    settings.PUBLIC_URL = "https://elsewhere.example"  # the live server is now another one
    lists = trust.LocalFirstStatusLists(trust.HttpStatusLists(http))

    assert lists.fetch(f"{served}/credentials/status-lists/duo/1") == served_token


@pytest.mark.parametrize(
    ("uri", "found"),
    [
        ("https://lifegate.example/credentials/status-lists/duo/1", ("duo", 1)),
        ("https://lifegate.example/credentials/status-lists/gm0363/12", ("gm0363", 12)),
        ("https://lifegate.example/credentials/status-lists/duo/1/more", None),
        ("https://lifegate.example/credentials/status-lists/duo/", None),
        ("https://lifegate.example/credentials/status-lists/duo/-1", None),
        ("https://lifegate.example/credentials/status-lists/duo/\u0661", None),
        ("https://lifegate.example/credentials/status-lists//1", None),
        ("https://lifegate.example.evil/credentials/status-lists/duo/1", None),
        ("http://lifegate.example/credentials/status-lists/duo/1", None),
        ("https://duo.example/status-lists/1", None),
    ],
)
def test_which_status_list_addresses_are_this_installations(
    settings: Any, uri: str, found: tuple[str, int] | None
) -> None:
    settings.PUBLIC_URL = "https://lifegate.example"

    assert configurations.local_status_list(uri) == found
