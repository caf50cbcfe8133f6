# SPDX-License-Identifier: EUPL-1.2
"""An official's action as an audit record with the BIO logging fields (pure: no Django, no IO).

Identifiers are pseudonymised with a keyed hash before they reach a record, so the trail
holds no personal data or secrets in clear, yet the same official or object always maps to
the same pseudonym (an auditor with the key can link them; nobody else can).

>>> pseudonym(b"k", "user", "42")[:5]
'user:'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from dataclasses import asdict, dataclass

PREFIX = b"lifegate-official-audit-v1\n"
RESULTS = ("success", "refused", "failure")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


class RecordError(ValueError):
    """A record that cannot be written as asked (a bad action name or result)."""


def pseudonym(key: bytes, kind: str, value: str) -> str:
    """`kind:` and a keyed hash of the value: stable per key, not reversible without it."""
    digest = hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:32]}"


@dataclass(frozen=True)
class ActionRecord:
    """Who (actor) did what (action) to which object, with what result, from where, when;
    for a refused or failed action also why (`reason`, a code such as 'forbidden')."""

    actor: str
    action: str
    object: str
    result: str
    origin: str
    at: str  # ISO 8601, UTC
    reason: str = ""

    def __post_init__(self) -> None:
        if not _NAME.match(self.action):
            raise RecordError(f"action {self.action!r}: use lower-case words like 'case.decide'")
        if self.result not in RESULTS:
            raise RecordError(f"result {self.result!r}: one of {', '.join(RESULTS)}")
        # A code, never free text: free text could carry personal data into the trail.
        if self.reason and not _NAME.match(self.reason):
            raise RecordError(f"reason {self.reason!r}: use a lower-case code like 'forbidden'")


def make_record(
    key: bytes,
    *,
    actor: tuple[str, str],
    action: str,
    target: tuple[str, str],
    result: str,
    origin: str,
    at: dt.datetime,
    reason: str = "",
) -> ActionRecord:
    """Build a record from raw ids (`(kind, id)` pairs); only their pseudonyms are kept."""
    return ActionRecord(
        actor=pseudonym(key, *actor),
        action=action,
        object=pseudonym(key, *target) if target[1] else target[0],
        result=result,
        origin=pseudonym(key, "addr", origin) if origin else "",
        at=at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        reason=reason,
    )


def entry_bytes(record: ActionRecord) -> bytes:
    """The ledger entry of a record: a prefix and canonical JSON (sorted keys, no spaces).

    An empty `reason` is left out, so the entries of records made before it existed still
    match their rows."""
    fields = asdict(record)
    if not fields["reason"]:
        del fields["reason"]
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return PREFIX + body.encode()


def parse_entry(data: bytes) -> ActionRecord | None:
    """The record in a ledger entry, or None when the entry is of another kind."""
    if not data.startswith(PREFIX):
        return None
    return ActionRecord(**json.loads(data[len(PREFIX) :]))
