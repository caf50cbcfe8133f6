# SPDX-License-Identifier: EUPL-1.2
"""Where proofs read node hashes from: a one-method protocol and an in-memory store.

Layout (the same for the database table the Django side keeps): every perfect subtree
node, keyed by (level, index), 32 bytes each. Level 0 holds the leaf hashes; node
(level, index) covers leaves [index·2^level, (index+1)·2^level). A level only ever grows
at its end, so rows are insert-only. A tree of n leaves holds fewer than 2n nodes, and
any proof at any size needs at most 2·log2(n) of them, fetched in one `get_hashes` call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from lifegate.ledger.errors import LedgerError, Refusal
from lifegate.ledger.merkle import HASH_SIZE, NodeId, NodeRun, parent_hashes


class NodeReader(Protocol):
    """Reads node hashes; the one door proofs go through."""

    def get_hashes(self, nodes: Sequence[NodeId]) -> list[bytes]:
        """The hashes of `nodes`, in order; raise `LedgerError(MISSING_NODE)` if one is absent."""
        ...


class MemoryNodeStore:
    """All nodes in one `bytearray` per level, for tests, benches and the CLI verifier."""

    __slots__ = ("_levels",)

    def __init__(self) -> None:
        self._levels: list[bytearray] = []

    @classmethod
    def from_leaf_hashes(cls, leaves: bytes) -> MemoryNodeStore:
        """Build every level bottom-up from concatenated leaf hashes, in bulk."""
        store = cls()
        level = leaves
        while level:
            store._levels.append(bytearray(level))
            level = parent_hashes(level)
        return store

    def add_runs(self, runs: Iterable[NodeRun]) -> None:
        """Store nodes reported by `MerkleTree.append`/`extend`; refuse gaps and rewrites."""
        for run in runs:
            while len(self._levels) <= run.level:
                self._levels.append(bytearray())
            stored = self._levels[run.level]
            if run.first_index * HASH_SIZE != len(stored):
                raise LedgerError(
                    Refusal.BAD_ARGUMENT,
                    f"level {run.level} holds {len(stored) // HASH_SIZE} nodes; "
                    f"a run cannot start at {run.first_index}",
                )
            stored += run.hashes

    def level_size(self, level: int) -> int:
        return len(self._levels[level]) // HASH_SIZE if level < len(self._levels) else 0

    def get_hashes(self, nodes: Sequence[NodeId]) -> list[bytes]:
        levels = self._levels
        out = []
        for level, index in nodes:
            start = index * HASH_SIZE
            if level >= len(levels) or index < 0 or start + HASH_SIZE > len(levels[level]):
                raise LedgerError(Refusal.MISSING_NODE, f"no node at level {level}, {index}")
            out.append(bytes(levels[level][start : start + HASH_SIZE]))
        return out
