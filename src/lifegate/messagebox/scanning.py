# SPDX-License-Identifier: EUPL-1.2
"""The virus-scan hook: every attachment passes `scan` before anything is stored.

The default scanner accepts everything (the demo has no scanner); production plugs in a
ClamAV or ICAP adapter with `use_scanner(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Verdict:
    clean: bool
    finding: str = ""


class VirusScanner(Protocol):
    def scan(self, content: bytes) -> Verdict: ...


class AcceptAll:
    def scan(self, content: bytes) -> Verdict:
        return Verdict(clean=True)


_current: dict[str, VirusScanner] = {"scanner": AcceptAll()}


def scanner() -> VirusScanner:
    return _current["scanner"]


def use_scanner(new: VirusScanner | None) -> None:
    """Use `new` for every later send; None goes back to accepting everything."""
    _current["scanner"] = new or AcceptAll()
