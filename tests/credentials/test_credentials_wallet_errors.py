# SPDX-License-Identifier: EUPL-1.2
"""The wallet's failures: one of its sentences (translated on the pages), and the particulars."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from django.utils import translation

from lifegate.credentials import wallet_messages
from lifegate.credentials.wallet import Wallet, WalletError


class _Failing(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"detail": "down for maintenance"}')

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def failing() -> Iterator[str]:
    """A service on loopback that answers every request with 503."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_service_that_fails_is_not_blamed_on_the_link_or_the_user(failing):
    with httpx.Client(timeout=5) as client:
        held = Wallet({}, client, failing)
        with pytest.raises(WalletError) as raised:
            held.prepare(f"openid4vp://?client_id=x&request_uri={failing}/r")

    assert raised.value.message == wallet_messages.SERVICE_FAILED
    assert raised.value.detail == f"{failing}/credentials/verifiers/x answered 503"


def test_the_message_list_holds_every_sentence_of_the_wallet():
    module = {k: v for k, v in vars(wallet_messages).items() if not k.startswith("__")}
    sentences = {v for v in module.values() if isinstance(v, str) and v.endswith(".")}

    assert sentences == set(wallet_messages.MESSAGES)


@pytest.mark.parametrize("message", wallet_messages.MESSAGES)
def test_every_wallet_message_has_a_dutch_translation(message):
    with translation.override("nl"):
        assert translation.gettext(message) != message
