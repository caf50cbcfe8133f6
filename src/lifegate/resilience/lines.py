# SPDX-License-Identifier: EUPL-1.2
"""The lines a child process prints, read as they come (pure: no Django; a thread only).

reader = LineReader(process.stdout)
reader.wait_for(lambda line: line == "ready", 30)   # the line, or None after 30 s
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import IO

PROBE_PREFIX = "drill-probe: "  # marks `drill_probe session` answers among other output


class LineReader:
    def __init__(self, stream: IO[bytes]) -> None:
        self.lines: list[str] = []
        self.closed = False
        self._seen = 0  # lines before this one were handed out by `wait_for`
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            with self._changed:
                self.lines.append(raw.decode(errors="replace").rstrip("\r\n"))
                self._changed.notify_all()
        stream.close()
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait_for(self, wanted: Callable[[str], bool], timeout: float) -> str | None:
        """The next line not handed out yet that is `wanted`, or None (timeout or closed)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for number in range(self._seen, len(self.lines)):
                    if wanted(self.lines[number]):
                        self._seen = number + 1
                        return self.lines[number]
                self._seen = len(self.lines)
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    return None
                self._changed.wait(left)

    def count(self, wanted: Callable[[str], bool]) -> int:
        with self._changed:
            return sum(1 for line in self.lines if wanted(line))

    def wait_count(self, wanted: Callable[[str], bool], at_least: int, timeout: float) -> int:
        """Wait until `at_least` lines are `wanted` (or timeout, or closed); their count."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = sum(1 for line in self.lines if wanted(line))
                left = deadline - time.monotonic()
                if found >= at_least or self.closed or left <= 0:
                    return found
                self._changed.wait(min(left, 0.5))
