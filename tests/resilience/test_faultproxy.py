# SPDX-License-Identifier: EUPL-1.2
import socketserver
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from lifegate.resilience.faultproxy import FaultProxy


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True  # a handler the proxy left waiting must not block shutdown
    block_on_close = False


class _Answer(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(65536)
        self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")


@pytest.fixture
def proxy() -> Iterator[FaultProxy]:
    server = _Server(("127.0.0.1", 0), _Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    running = FaultProxy("127.0.0.1", server.server_address[1])
    running.start()
    yield running
    running.stop()
    server.shutdown()
    server.server_close()


def _get(proxy: FaultProxy, timeout: float = 2.0) -> str:
    try:
        return httpx.get(f"http://127.0.0.1:{proxy.port}/", timeout=timeout).text
    except httpx.HTTPError as error:
        return type(error).__name__


def test_the_proxy_passes_traffic_through_when_there_is_no_fault(proxy):
    assert _get(proxy) == "ok"


@pytest.mark.parametrize(
    ("fault", "seconds", "outcome"),
    [
        ("reset", 0, "RemoteProtocolError"),
        ("down", 0, "RemoteProtocolError"),
        ("drop", 30, "ReadTimeout"),
        ("latency", 1.5, "ReadTimeout"),
    ],
)
def test_each_fault_makes_the_client_fail_within_its_timeout(proxy, fault, seconds, outcome):
    proxy.set_fault(fault, seconds)

    started = time.perf_counter()
    result = _get(proxy, timeout=1.0)

    assert result in (outcome, "ReadError", "ConnectError")
    assert time.perf_counter() - started < 3


def test_a_short_latency_slows_but_still_answers(proxy):
    proxy.set_fault("latency", 0.2)

    assert _get(proxy) == "ok"
