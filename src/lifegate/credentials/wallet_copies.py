# SPDX-License-Identifier: EUPL-1.2
"""The copies a wallet holds of each credential. An issuer that offers batch issuance hands a
credential over in several copies, each bound to its own holder key and with its own salts
and status index. The wallet shows each copy to one verifier only: two verifiers comparing
what they saw then find nothing in common but the claims shown. Once every copy has been
shown, the least recently shown one is shown again, and the holder is told.

A wallet entry (a dict in the wallet's JSON state) is one copy: `id`, `vct`, `issuer`,
`credential`, `received_at`, and, for copies, `batch` (shared by the copies of one
issuance), `key` (its private JWK; entries without one use the wallet's key) and `used_at`
(when it was last shown). Pure: no Django, no IO.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lifegate.credentials.sdjwt import SdJwt, parse_sd_jwt

WALLET_COPIES = 5  # copies asked for at most, whatever the issuer allows

Entry = dict[str, Any]


@dataclass(frozen=True)
class Held:
    """One credential as its holder sees it, however many copies of it the wallet holds."""

    id: str  # its batch (see `batch_of`): the same however its copies are renewed
    vct: str
    issuer: str
    credential: SdJwt  # the copy to show next
    received_at: str
    copies: int = 1
    unshown: int = 1  # copies no verifier has seen yet
    next_copy: str = ""  # the id of the copy to show next
    batch: str = ""  # what its copies have in common in the wallet (see `batch_of`)


def copies_to_ask(issuer_metadata: Mapping[str, Any]) -> int:
    """How many copies to ask for: the issuer's batch size, at most WALLET_COPIES."""
    batch = issuer_metadata.get("batch_credential_issuance")
    size = batch.get("batch_size") if isinstance(batch, dict) else None
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        return 1  # the issuer hands over one at a time
    return min(size, WALLET_COPIES)


def batch_of(entry: Entry) -> str:
    """The credential a copy is of: its `batch`; a credential kept in one copy, its id."""
    return str(entry.get("batch") or entry["id"])


def batches(entries: Iterable[Entry]) -> list[list[Entry]]:
    """The copies of each credential together, in the order they were received."""
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(batch_of(entry), []).append(entry)
    return list(grouped.values())


def with_new_copies(entries: list[Entry], batch: str, new: list[Entry]) -> list[Entry]:
    """The wallet's entries with `new` copies of the credential `batch` in place of those
    a verifier has seen, where that credential was listed (new ones: at the end)."""
    found, placed = [], False
    for entry in entries:
        if batch_of(entry) != batch:
            found.append(entry)
        elif not placed:
            unshown = [e for e in entries if batch_of(e) == batch and not e.get("used_at")]
            found += [*unshown, *new]
            placed = True
    return found if placed else [*found, *new]


def next_copy(copies: list[Entry]) -> Entry:
    """The first copy never shown; else the one shown longest ago."""
    unshown = [entry for entry in copies if not entry.get("used_at")]
    if unshown:
        return unshown[0]
    return min(copies, key=lambda entry: str(entry["used_at"]))


def held(entries: Iterable[Entry]) -> list[Held]:
    found = []
    for copies in batches(entries):
        first, chosen = copies[0], next_copy(copies)
        unshown = sum(1 for entry in copies if not entry.get("used_at"))
        found.append(
            Held(
                batch_of(first),  # stays the same however its copies are renewed
                first["vct"],
                first["issuer"],
                parse_sd_jwt(chosen["credential"]),
                first["received_at"],
                len(copies),
                unshown,
                chosen["id"],
                batch_of(first),
            )
        )
    return found
