# SPDX-License-Identifier: EUPL-1.2
"""Dated exceptions to static analysis and the dependency audit. Pure: no Django, no IO."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    id: str  # bandit test id (B608), vulnerability id (GHSA-...) or schemathesis code (ST103)
    file: str  # path from the repository root, "" for a dependency, or "GET /api/operation"
    line: int
    text: str
    role: str = ""  # who met it (api.fuzz: anonymous, citizen, agency, official)


@dataclass(frozen=True)
class Waiver:
    id: str
    file: str
    reason: str
    expires: dt.date

    def covers(self, finding: Finding) -> bool:
        return self.id == finding.id and (not self.file or self.file == finding.file)


def parse(entries: Iterable[Mapping[str, Any]]) -> list[Waiver]:
    """Exceptions from the YAML list; each needs an id, a reason and an expiry date."""
    parsed = []
    for number, entry in enumerate(entries, start=1):
        if not entry.get("id") or not entry.get("reason") or "expires" not in entry:
            raise ValueError(f"exception {number} needs id, reason and expires")
        expires = entry["expires"]
        if not isinstance(expires, dt.date):
            expires = dt.date.fromisoformat(str(expires))
        parsed.append(
            Waiver(str(entry["id"]), str(entry.get("file", "")), entry["reason"], expires)
        )
    return parsed


def judge(
    findings: Iterable[Finding], exceptions: list[Waiver], today: dt.date
) -> tuple[list[str], list[str]]:
    """(problems, accepted): findings without a live exception, and expired exceptions."""
    problems, accepted = [], []
    for finding in findings:
        match = next((e for e in exceptions if e.covers(finding)), None)
        where = _where(finding)
        if match is None:
            problems.append(f"{finding.id} {where}{finding.text} (no exception)")
        elif match.expires < today:
            problems.append(f"{finding.id} {where}exception expired on {match.expires}")
        else:
            accepted.append(f"{finding.id} {where}accepted until {match.expires}")
    return problems, accepted


def _where(finding: Finding) -> str:
    """`as ROLE FILE:LINE `, leaving out what the finding does not have."""
    line = f":{finding.line}" if finding.line else ""
    place = f"{finding.file}{line} " if finding.file else ""
    return (f"as {finding.role} " if finding.role else "") + place
