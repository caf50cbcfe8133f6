# SPDX-License-Identifier: EUPL-1.2
"""The ledger block's door: append entries, sign checkpoints, serve proofs, audit.

Appends are serialised (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers already) and run in the caller's transaction, so an entry exists exactly
when the change it records does. The frontier is kept in memory (`appending.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lifegate.ledger import appending, dbstore, keys
from lifegate.ledger import models as tables
from lifegate.ledger.audit import AuditReport, audit_log
from lifegate.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint
from lifegate.ledger.errors import LedgerError, Refusal
from lifegate.ledger.merkle import MerkleTree, leaf_hash
from lifegate.ledger.proofs import (
    consistency_proof,
    inclusion_proof,
    verify_consistency,
    verify_inclusion,
)

store = dbstore.DatabaseNodeStore()


@dataclass(frozen=True)
class Appended:
    first_index: int
    size: int
    checkpoint_size: int | None  # set when this append signed a new checkpoint


@dataclass(frozen=True)
class SignedHead:
    checkpoint: Checkpoint
    note: str
    signed_at: dt.datetime


@dataclass(frozen=True)
class EntryProof:
    """An entry's inclusion in a signed checkpoint, checked here with the RFC algorithm."""

    index: int
    head: SignedHead
    hashes: list[bytes]
    intact: bool
    reason: str


def size() -> int:
    """The number of entries in the log."""
    return appending.size()


def _sign(tree: MerkleTree, now: dt.datetime) -> int:
    head = Checkpoint(keys.origin(), tree.size, tree.root())
    note = sign_checkpoint(head, [keys.signer()])
    tables.SignedCheckpoint.objects.create(
        size=tree.size, root_hash=head.root_hash, note=note, signed_at=now
    )
    return tree.size


def append(entries: Sequence[bytes]) -> Appended:
    """Append `entries` in order, in the caller's transaction (or a new one); may sign a
    checkpoint. Costs the lock, one check of the remembered frontier and one INSERT."""
    if not entries:
        raise LedgerError(Refusal.BAD_ARGUMENT, "nothing to append")
    try:
        with transaction.atomic(savepoint=False):
            appending.lock()
            now = timezone.now()
            head = appending.append(entries, now)
            signed = None
            if appending.checkpoint_due(head, now):
                signed = _sign(head.tree, now)
                head.checkpoint_size, head.checkpoint_at = signed, now
    except BaseException:
        appending.forget()
        raise
    return Appended(head.tree.size - len(entries), head.tree.size, signed)


def ensure_checkpoint() -> SignedHead | None:
    """The latest signed head, signing one first when entries were appended since."""
    with transaction.atomic():
        appending.lock()
        tree, _last = appending.load_tree()
        latest = appending.latest_checkpoint()
        if tree.size and (latest is None or latest.size < tree.size):
            _sign(tree, timezone.now())
    return latest_head()


def _head(row: tables.SignedCheckpoint) -> SignedHead:
    checkpoint = open_checkpoint(row.note, keys.verifiers(), origin=keys.origin())
    return SignedHead(checkpoint, row.note, row.signed_at)


def latest_head() -> SignedHead | None:
    """The newest checkpoint, its signature verified."""
    row = appending.latest_checkpoint()
    return None if row is None else _head(row)


def head_at(tree_size: int) -> SignedHead | None:
    row = tables.SignedCheckpoint.objects.filter(size=tree_size).first()
    return None if row is None else _head(row)


def inclusion(index: int, tree_size: int) -> tuple[bytes, list[bytes]]:
    """The leaf hash of entry `index` and its audit path in the tree of `tree_size`."""
    if tree_size > size():
        raise LedgerError(Refusal.BAD_ARGUMENT, f"the log has fewer than {tree_size} entries")
    (leaf,) = store.get_hashes([(0, index)]) if 0 <= index < tree_size else [b""]
    return leaf, inclusion_proof(store, index, tree_size)


def consistency(old_size: int, new_size: int) -> list[bytes]:
    if new_size > size():
        raise LedgerError(Refusal.BAD_ARGUMENT, f"the log has fewer than {new_size} entries")
    return consistency_proof(store, old_size, new_size)


def prove_entry(index: int, data: bytes, head: SignedHead) -> EntryProof:
    """Check that `data` is entry `index` of the signed head, as a citizen's page does."""
    try:
        _leaf, hashes = inclusion(index, head.checkpoint.size)
        verify_inclusion(
            leaf_hash(data), index, head.checkpoint.size, hashes, head.checkpoint.root_hash
        )
    except LedgerError as exc:
        return EntryProof(index, head, [], False, exc.reason.value)
    return EntryProof(index, head, hashes, True, "")


def check_consistency(old_note: str, head: SignedHead) -> Checkpoint:
    """Check an earlier published checkpoint against `head`; raises `LedgerError`."""
    old = open_checkpoint(old_note, keys.verifiers(), origin=keys.origin())
    new = head.checkpoint
    proof = consistency(old.size, new.size)
    verify_consistency(old.size, new.size, proof, old.root_hash, new.root_hash)
    return old


def audit() -> AuditReport:
    """The whole log against the latest signed checkpoint (what `lifegate ledger verify` runs)."""
    row = appending.latest_checkpoint()
    if row is None:
        raise LedgerError(Refusal.BAD_ARGUMENT, "no checkpoint has been signed yet")
    entries = [
        bytes(data)
        for data in tables.Entry.objects.order_by("index").values_list("data", flat=True)
    ]
    recorded = b"".join(
        bytes(value)
        for value in tables.Node.objects.filter(level=0)
        .order_by("index")
        .values_list("hash", flat=True)
    )
    earlier = list(
        tables.SignedCheckpoint.objects.exclude(size=row.size)
        .order_by("size")
        .values_list("note", flat=True)
    )
    return audit_log(
        entries,
        row.note,
        keys.verifiers(),
        origin=keys.origin(),
        recorded_leaves=recorded,
        earlier_checkpoints=earlier,
    )
