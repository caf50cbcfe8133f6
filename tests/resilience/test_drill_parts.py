# SPDX-License-Identifier: EUPL-1.2
import subprocess
import time
from pathlib import Path

import pytest

from lifegate.resilience.installation import Installation
from lifegate.resilience.lines import LineReader


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
