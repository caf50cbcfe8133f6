# SPDX-License-Identifier: EUPL-1.2
"""The tamper-evident ledger: RFC 9162 Merkle tree, proofs, signed checkpoints, audit.

This package's modules listed here are the pure core (no Django, no IO); see README.md.
The names below are its public surface.
"""

from lifegate.ledger.audit import AuditReport, Finding, Problem, audit_log
from lifegate.ledger.checkpoint import (
    Checkpoint,
    Note,
    NoteSignature,
    NoteSigner,
    NoteVerifier,
    key_id,
    open_checkpoint,
    open_note,
    parse_note,
    sign_checkpoint,
    sign_note,
)
from lifegate.ledger.errors import LedgerError, Refusal
from lifegate.ledger.merkle import (
    EMPTY_ROOT,
    HASH_SIZE,
    MerkleTree,
    NodeId,
    NodeRun,
    leaf_hash,
    leaf_hashes,
    node_hash,
    range_nodes,
    root_hash,
)
from lifegate.ledger.proofs import (
    consistency_nodes,
    consistency_proof,
    inclusion_nodes,
    inclusion_proof,
    root_at,
    verify_consistency,
    verify_inclusion,
)
from lifegate.ledger.store import MemoryNodeStore, NodeReader

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "AuditReport",
    "Checkpoint",
    "Finding",
    "LedgerError",
    "MemoryNodeStore",
    "MerkleTree",
    "NodeId",
    "NodeReader",
    "NodeRun",
    "Note",
    "NoteSignature",
    "NoteSigner",
    "NoteVerifier",
    "Problem",
    "Refusal",
    "audit_log",
    "consistency_nodes",
    "consistency_proof",
    "inclusion_nodes",
    "inclusion_proof",
    "key_id",
    "leaf_hash",
    "leaf_hashes",
    "node_hash",
    "open_checkpoint",
    "open_note",
    "parse_note",
    "range_nodes",
    "root_at",
    "root_hash",
    "sign_checkpoint",
    "sign_note",
    "verify_consistency",
    "verify_inclusion",
]
