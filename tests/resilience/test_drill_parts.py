# SPDX-License-Identifier: EUPL-1.2
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from lifegate.resilience.installation import Installation
from lifegate.resilience.lines import LineReader
from lifegate.resilience.scenarios import post_resent_if_dropped


def _printing(script: str) -> tuple[subprocess.Popen[bytes], LineReader]:
    process = subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE)  # noqa: S603, S607
    assert process.stdout is not None
    return process, LineReader(process.stdout)


def test_a_line_reader_hands_out_each_wanted_line_once_in_order():
    process, reader = _printing("echo log; echo 'drill-probe: 1'; echo 'drill-probe: 2'")

    first = reader.wait_for(lambda line: line.startswith("drill-probe"), 10)
    second = reader.wait_for(lambda line: line.startswith("drill-probe"), 10)
    third = reader.wait_for(lambda line: line.startswith("drill-probe"), 10)

    assert (first, second, third) == ("drill-probe: 1", "drill-probe: 2", None)
    assert process.wait(10) == 0 and reader.closed


def test_a_line_reader_counts_lines_as_they_come_and_stops_waiting_when_closed():
    process, reader = _printing("for n in 1 2 3; do echo $n; sleep 0.05; done; echo done")

    at_least_two = reader.wait_count(str.isdigit, 2, 10)
    started = time.monotonic()
    all_of_them = reader.wait_count(str.isdigit, 100, 10)

    assert at_least_two >= 2
    assert all_of_them == 3 and reader.closed
    assert time.monotonic() - started < 5  # returned at the end of output, not at timeout
    assert process.wait(10) == 0


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
def test_killing_a_drill_process_takes_its_children_too(tmp_path, signal_name):
    import signal  # noqa: PLC0415

    pid_file = tmp_path / "child"
    parent = subprocess.Popen(  # noqa: S603
        ["sh", "-c", f"sleep 60 & echo $! > {pid_file}; wait"],  # noqa: S607
        start_new_session=True,
    )
    site = Installation("http://127.0.0.1:1", {}, processes={"server": parent})
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.02)
    child = int(pid_file.read_text())

    site.kill("server", getattr(signal, signal_name))

    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert parent.returncode is not None
    assert not _alive(child)
    assert site.processes == {}


def _server_dropping_the_second_request_of_each_connection() -> tuple[
    str, list[int], socket.socket
]:
    """A loopback HTTP/1.1 server: each connection answers its first request 200 (kept
    alive) and closes on the second without answering, as a keep-alive race does."""
    listener = socket.create_server(("127.0.0.1", 0))
    requests_per_connection: list[int] = []

    def serve(connection: socket.socket) -> None:
        with connection:
            requests_per_connection.append(0)
            mine = len(requests_per_connection) - 1
            buffer = b""
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    head, _, rest = buffer.partition(b"\r\n\r\n")
                    length = next(
                        (
                            int(line.split(b":")[1])
                            for line in head.split(b"\r\n")
                            if line.lower().startswith(b"content-length:")
                        ),
                        0,
                    )
                    if len(rest) < length:
                        break
                    buffer = rest[length:]
                    requests_per_connection[mine] += 1
                    if requests_per_connection[mine] == 2:
                        return  # closed without an answer
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    host, port = listener.getsockname()
    return f"http://{host}:{port}/", requests_per_connection, listener


def test_a_post_dropped_on_a_reused_connection_is_sent_once_more_on_a_new_one():
    url, per_connection, listener = _server_dropping_the_second_request_of_each_connection()
    with httpx.Client(timeout=5) as client:
        first = post_resent_if_dropped(client, url, data={"n": "1"})
        second = post_resent_if_dropped(client, url, data={"n": "2"})
    listener.close()

    assert first == (200, False)
    assert second == (200, True)
    assert per_connection == [2, 1]  # the dropped one, then the same POST on a new connection
