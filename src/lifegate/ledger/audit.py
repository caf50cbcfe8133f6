# SPDX-License-Identifier: EUPL-1.2
"""Check a whole log against its signed checkpoint and say precisely what is wrong.

This is what `lifegate ledger verify` prints. The signed root proves *that* the entries
changed; to say *which* entry changed, the audit also takes the leaf hashes recorded when
entries were appended (level 0 of the node store). Those are trusted only once their own
root equals the signed root, so a forger who rewrites entries and nodes together is still
caught, as a root mismatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from lifegate.ledger.checkpoint import Checkpoint, NoteVerifier, open_checkpoint
from lifegate.ledger.errors import LedgerError
from lifegate.ledger.merkle import HASH_SIZE, leaf_hashes
from lifegate.ledger.proofs import root_at
from lifegate.ledger.store import MemoryNodeStore

_LISTED = 10  # indexes named in one finding; more are counted, not listed


class Finding(StrEnum):
    FORGED_CHECKPOINT = "forged_checkpoint"
    ENTRIES_REMOVED = "entries_removed"
    ENTRY_CHANGED = "entry_changed"
    ENTRIES_REORDERED = "entries_reordered"
    ROOT_MISMATCH = "root_mismatch"
    RECORD_TAMPERED = "record_tampered"
    HISTORY_REWRITTEN = "history_rewritten"


@dataclass(frozen=True, slots=True)
class Problem:
    finding: Finding
    message: str
    indexes: tuple[int, ...] = ()

    def __str__(self) -> str:
        return f"{self.finding.value}: {self.message}"


@dataclass(frozen=True, slots=True)
class AuditReport:
    entries: int
    checkpoint: Checkpoint | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if self.checkpoint is None:
            return [str(problem) for problem in self.problems]
        head = f"{self.entries} entries; checkpoint {self.checkpoint.origin} at size "
        head += f"{self.checkpoint.size}: " + ("intact" if self.ok else "NOT intact")
        return [head, *(str(problem) for problem in self.problems)]


def _listed(indexes: Sequence[int]) -> str:
    shown = ", ".join(str(index) for index in indexes[:_LISTED])
    more = len(indexes) - _LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def _split_hashes(joined: bytes) -> list[bytes]:
    return [joined[at : at + HASH_SIZE] for at in range(0, len(joined), HASH_SIZE)]


def _removed(actual: list[bytes], expected: list[bytes]) -> list[Problem]:
    """Name the removed run when the rest of the log is intact, else count it."""
    missing = len(expected) - len(actual)
    pairs = enumerate(zip(actual, expected, strict=False))  # actual is the shorter one
    first = next((i for i, (a, e) in pairs if a != e), len(actual))
    if actual[first:] == expected[first + missing :]:
        last = first + missing - 1
        span = f"entry {first}" if missing == 1 else f"entries {first} to {last}"
        message = f"{span} removed ({missing} of {len(expected)} signed entries)"
        return [Problem(Finding.ENTRIES_REMOVED, message, tuple(range(first, last + 1)))]
    message = f"{missing} of {len(expected)} signed entries removed, and others changed"
    return [Problem(Finding.ENTRIES_REMOVED, message)]


def _differences(actual: list[bytes], expected: list[bytes]) -> list[Problem]:
    """Changed and reordered entries, by comparing leaf hashes position by position."""
    if len(actual) < len(expected):
        return _removed(actual, expected)
    changed_at = [i for i, (a, e) in enumerate(zip(actual, expected, strict=True)) if a != e]
    signed_elsewhere = {expected[i] for i in changed_at}
    moved = [i for i in changed_at if actual[i] in signed_elsewhere]
    changed = [i for i in changed_at if actual[i] not in signed_elsewhere]
    problems = []
    if moved:
        message = f"entries at {_listed(moved)} hold signed entries of other positions"
        problems.append(Problem(Finding.ENTRIES_REORDERED, message, tuple(moved)))
    problems.extend(
        Problem(Finding.ENTRY_CHANGED, f"entry {i} differs from the signed entry", (i,))
        for i in changed[:_LISTED]
    )
    if len(changed) > _LISTED:
        message = f"{len(changed) - _LISTED} more entries differ from the signed entries"
        problems.append(Problem(Finding.ENTRY_CHANGED, message, tuple(changed[_LISTED:])))
    return problems


def _locate(actual: bytes, recorded: bytes | None, checkpoint: Checkpoint) -> list[Problem]:
    size = checkpoint.size
    mismatch = Problem(Finding.ROOT_MISMATCH, f"entries do not hash to the root signed at {size}")
    if recorded is None or len(recorded) < size * HASH_SIZE:
        return [mismatch]
    recorded = recorded[: size * HASH_SIZE]
    if root_at(MemoryNodeStore.from_leaf_hashes(recorded), size) != checkpoint.root_hash:
        message = "the recorded leaf hashes do not match the signed root either"
        return [mismatch, Problem(Finding.RECORD_TAMPERED, message)]
    return _differences(_split_hashes(actual), _split_hashes(recorded))


def _history(
    store: MemoryNodeStore,
    count: int,
    earlier: Sequence[str | bytes],
    verifiers: Sequence[NoteVerifier],
    origin: str,
) -> list[Problem]:
    """Each earlier checkpoint must sign a prefix of today's entries."""
    problems = []
    for note in earlier:
        try:
            old = open_checkpoint(note, verifiers, origin=origin)
        except LedgerError as exc:
            problems.append(Problem(Finding.FORGED_CHECKPOINT, f"earlier checkpoint: {exc}"))
            continue
        if old.size <= count and root_at(store, old.size) != old.root_hash:
            message = f"the checkpoint at size {old.size} does not sign entries 0 to {old.size - 1}"
            problems.append(Problem(Finding.HISTORY_REWRITTEN, message))
    return problems


def audit_log(
    entries: Sequence[bytes],
    checkpoint_note: str | bytes,
    verifiers: Sequence[NoteVerifier],
    *,
    origin: str | None = None,
    recorded_leaves: bytes | None = None,
    earlier_checkpoints: Sequence[str | bytes] = (),
) -> AuditReport:
    """Audit `entries` (the leaf data, in log order) against a signed checkpoint.

    `recorded_leaves` are the leaf hashes stored at append time, concatenated; with them
    the report names the changed, removed or reordered entries, without them it can only
    say that the root does not match. Entries past the checkpoint's size are not judged.
    """
    try:
        checkpoint = open_checkpoint(checkpoint_note, verifiers, origin=origin)
    except LedgerError as exc:
        problem = Problem(Finding.FORGED_CHECKPOINT, f"checkpoint refused: {exc}")
        return AuditReport(len(entries), None, (problem,))
    size = checkpoint.size
    actual = leaf_hashes(entries[:size])
    store = MemoryNodeStore.from_leaf_hashes(actual)
    problems: list[Problem] = []
    if len(entries) < size and recorded_leaves is None:
        message = f"{size - len(entries)} of {size} signed entries removed"
        problems.append(Problem(Finding.ENTRIES_REMOVED, message))
    elif len(entries) < size or root_at(store, size) != checkpoint.root_hash:
        problems.extend(_locate(actual, recorded_leaves, checkpoint))
    count = min(size, len(entries))
    problems.extend(_history(store, count, earlier_checkpoints, verifiers, checkpoint.origin))
    return AuditReport(len(entries), checkpoint, tuple(problems))
