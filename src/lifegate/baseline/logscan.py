# SPDX-License-Identifier: EUPL-1.2
"""Capture the log lines a run produces and scan them for leaks (the `logs.clean` check)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path

from lifegate.baseline.leaks import find_leaks
from lifegate.baseline.outcome import Outcome

_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "k")
_STANDARD = set(vars(logging.makeLogRecord({})))


def line_of(record: logging.LogRecord) -> str:
    """All the text of a record: message (a structlog event dict too), arguments, extra
    fields and traceback, whether or not a formatter would show them."""
    extra = {k: v for k, v in vars(record).items() if k not in _STANDARD}
    parts = [str(record.msg), repr(record.args) if record.args else "", repr(extra)]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return " ".join(p for p in parts if p)


class LineCollector(logging.Handler):
    """Keeps the text of every record (see `line_of`)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(line_of(record))


def home_secrets(home: Path) -> list[str]:
    """The secret values kept in LIFEGATE_HOME/secrets (private JWK members, plain secrets)."""
    folder = home / "secrets"
    values: list[str] = []
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        try:
            document = json.loads(text)
        except ValueError:
            values.append(text)
            continue
        keys = document.get("keys", [document]) if isinstance(document, dict) else []
        values += [
            str(k[m]) for k in keys if isinstance(k, dict) for m in _PRIVATE_MEMBERS if m in k
        ]
    return values


def scan(lines: Iterable[str], home: Path, source: str) -> Outcome:
    collected = list(lines)
    leaks = find_leaks(collected, home_secrets(home))
    proven = [
        f"{len(collected)} log lines of {source}: no BSN, JWT, bearer token, private key or "
        f"secret of LIFEGATE_HOME/secrets in clear"
    ]
    return Outcome.of(
        leaks[:20] + ([f"… {len(leaks) - 20} more"] if len(leaks) > 20 else []), proven
    )
