# SPDX-License-Identifier: EUPL-1.2
"""Inclusion and consistency proofs (RFC 9162 §2.1.3 and §2.1.4): build and verify.

Building follows the RFC's recursive definitions, unrolled into a plan of perfect-subtree
nodes (`inclusion_nodes`, `consistency_nodes`); each proof hash is the fold of one group.
A group has one node except on the tree's ragged right edge. All nodes of a proof are
fetched with one `NodeReader.get_hashes` call, so a database store answers a proof with
one query of at most 2·log2(n) keys.

Verification is the RFC's iterative algorithm and needs no store.
"""

from __future__ import annotations

from collections.abc import Sequence

from lifegate.ledger.errors import LedgerError, Refusal
from lifegate.ledger.merkle import HASH_SIZE, NodeId, fold_right, node_hash, range_nodes
from lifegate.ledger.store import NodeReader

Plan = list[list[NodeId]]


def _split(width: int) -> int:
    """The largest power of two smaller than `width` (width ≥ 2), the RFC's k."""
    return 1 << ((width - 1).bit_length() - 1)


def inclusion_nodes(index: int, size: int) -> Plan:
    """The node groups of the audit path of leaf `index` in a tree of `size` leaves."""
    if not 0 <= index < size:
        raise LedgerError(Refusal.BAD_ARGUMENT, f"leaf {index} is not in a tree of size {size}")
    parts: Plan = []
    lo, hi = 0, size
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            parts.append(range_nodes(lo + k, hi))
            hi = lo + k
        else:
            parts.append(range_nodes(lo, lo + k))
            lo += k
    parts.reverse()
    return parts


def consistency_nodes(old_size: int, new_size: int) -> Plan:
    """The node groups of the proof that a tree of `old_size` is a prefix of `new_size`."""
    if not 0 <= old_size <= new_size:
        raise LedgerError(
            Refusal.BAD_ARGUMENT, f"no consistency proof from size {old_size} to {new_size}"
        )
    if old_size in (0, new_size):
        return []
    parts: Plan = []
    lo, hi, old_root_is_node = 0, new_size, True
    while old_size != hi:
        k = _split(hi - lo)
        if old_size <= lo + k:
            parts.append(range_nodes(lo + k, hi))
            hi = lo + k
        else:
            parts.append(range_nodes(lo, lo + k))
            lo += k
            old_root_is_node = False
    parts.reverse()
    # When the old tree's root is a node of the new tree the verifier already has it.
    if not old_root_is_node:
        parts.insert(0, range_nodes(lo, hi))
    return parts


def fetch(store: NodeReader, plan: Plan) -> list[bytes]:
    """The proof hashes of `plan`, read with one store call."""
    flat = [node for group in plan for node in group]
    hashes = store.get_hashes(flat)
    proof, offset = [], 0
    for group in plan:
        proof.append(fold_right(hashes[offset : offset + len(group)]))
        offset += len(group)
    return proof


def inclusion_proof(store: NodeReader, index: int, size: int) -> list[bytes]:
    return fetch(store, inclusion_nodes(index, size))


def consistency_proof(store: NodeReader, old_size: int, new_size: int) -> list[bytes]:
    return fetch(store, consistency_nodes(old_size, new_size))


def root_at(store: NodeReader, size: int) -> bytes:
    """The root of the tree when it had `size` leaves: the fold of its frontier."""
    return fold_right(store.get_hashes(range_nodes(0, size)))


def _check_hashes(proof: Sequence[bytes], expected_length: int) -> None:
    if len(proof) != expected_length:
        raise LedgerError(
            Refusal.INVALID_PROOF, f"proof has {len(proof)} hashes, expected {expected_length}"
        )
    if any(len(value) != HASH_SIZE for value in proof):
        raise LedgerError(Refusal.INVALID_PROOF, "proof holds a hash that is not 32 bytes")


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that `leaf` (a leaf hash) is at `index` in the tree of `size` with `root`.

    RFC 9162 §2.1.3.2; raises `LedgerError(INVALID_PROOF)` with the reason.
    """
    if not 0 <= index < size:
        raise LedgerError(Refusal.INVALID_PROOF, f"leaf {index} is not in a tree of size {size}")
    _check_hashes(proof, len(inclusion_nodes(index, size)))
    fn, sn, result = index, size - 1, leaf
    for sibling in proof:
        if sn == 0:
            raise LedgerError(Refusal.INVALID_PROOF, "proof is longer than the path to the root")
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            result = node_hash(result, sibling)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or result != root:
        raise LedgerError(
            Refusal.INVALID_PROOF, f"leaf {index} does not lead to the root of size {size}"
        )


def _consistency_roots(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes
) -> tuple[bytes, bytes, int]:
    """Both roots as the proof implies them, and the leftover of `sn` (0 when well formed)."""
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    old_hash = new_hash = path[0]
    for value in path[1:]:
        if sn == 0:
            return old_hash, new_hash, -1
        if fn & 1 or fn == sn:
            old_hash, new_hash = node_hash(value, old_hash), node_hash(value, new_hash)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            new_hash = node_hash(new_hash, value)
        fn, sn = fn >> 1, sn >> 1
    return old_hash, new_hash, sn


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Check that the tree of `old_size` with `old_root` is a prefix of the newer one.

    RFC 9162 §2.1.4.2; raises `LedgerError(INVALID_PROOF)` with the reason.
    """
    if not 0 <= old_size <= new_size:
        raise LedgerError(Refusal.INVALID_PROOF, f"size {new_size} cannot extend {old_size}")
    _check_hashes(proof, len(consistency_nodes(old_size, new_size)))
    if old_size == new_size and old_root != new_root:
        raise LedgerError(Refusal.INVALID_PROOF, f"two different roots for size {old_size}")
    if old_size in (0, new_size):
        return
    old_hash, new_hash, sn = _consistency_roots(old_size, new_size, proof, old_root)
    if sn != 0 or old_hash != old_root or new_hash != new_root:
        raise LedgerError(
            Refusal.INVALID_PROOF, f"size {old_size} is not a prefix of size {new_size}"
        )
