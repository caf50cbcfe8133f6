# SPDX-License-Identifier: EUPL-1.2
"""RFC 9162 Merkle tree hashing and an append-only tree that keeps only its frontier.

The tree keeps the compact range of its leaves: one hash per set bit of the size, the
roots of the perfect subtrees that tile `[0, size)` from the left. An append merges the
new leaf with the frontier like a binary counter increments, so it costs one leaf hash
plus one node hash amortised, and memory stays O(log n).

Every append reports the perfect-subtree nodes it completed as `NodeRun`s, contiguous per
level, so a caller can persist them in a node store (see `store.py`) from which
`proofs.py` builds inclusion and consistency proofs with about 2·log2(n) lookups.

>>> tree = MerkleTree()
>>> runs = tree.extend([b"a", b"b", b"c"])
>>> [(run.level, run.first_index, run.node_count) for run in runs]
[(0, 0, 3), (1, 0, 1)]
>>> tree.root() == node_hash(node_hash(leaf_hash(b"a"), leaf_hash(b"b")), leaf_hash(b"c"))
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from lifegate.ledger.errors import LedgerError, Refusal

HASH_SIZE = 32
_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"
_sha256 = hashlib.sha256
# The hash of the empty string is the root of the empty tree (RFC 9162 §2.1.1).
EMPTY_ROOT = _sha256(b"").digest()

NodeId = tuple[int, int]
"""A perfect subtree: (level, index); it covers leaves [index·2^level, (index+1)·2^level)."""


def leaf_hash(entry: bytes) -> bytes:
    """SHA-256(0x00 || entry): the domain prefix stops a leaf from posing as a node."""
    return _sha256(_LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return _sha256(_NODE_PREFIX + left + right).digest()


def leaf_hashes(entries: Sequence[bytes]) -> bytes:
    """The leaf hashes of `entries`, concatenated (32 bytes each)."""
    return b"".join([_sha256(_LEAF_PREFIX + entry).digest() for entry in entries])


def parent_hashes(level: bytes) -> bytes:
    """Hash each pair of adjacent 32-byte nodes; a trailing odd node is left out."""
    pairs = len(level) // (2 * HASH_SIZE)
    # Copying a hash object that has already absorbed the prefix saves one concatenation
    # per pair; measured about 15 % faster than `sha256(prefix + slice)` on CPython 3.11.
    prefixed = _sha256(_NODE_PREFIX)
    out = []
    for offset in range(0, pairs * 2 * HASH_SIZE, 2 * HASH_SIZE):
        h = prefixed.copy()
        h.update(level[offset : offset + 2 * HASH_SIZE])
        out.append(h.digest())
    return b"".join(out)


def range_nodes(start: int, end: int) -> list[NodeId]:
    """The perfect subtrees that tile leaves [start, end), largest first.

    `start` must be aligned to the largest one, which holds for every range the RFC
    recursion produces (a left part is a power of two, a right part ends at the size).
    """
    nodes: list[NodeId] = []
    while start < end:
        level = (end - start).bit_length() - 1
        if start & ((1 << level) - 1):
            raise LedgerError(Refusal.BAD_ARGUMENT, f"range [{start}, {end}) is not aligned")
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold_right(hashes: Sequence[bytes]) -> bytes:
    """The hash of a range from its perfect subtrees, largest first (RFC: right side smaller)."""
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def root_hash(entries: Sequence[bytes]) -> bytes:
    """The Merkle Tree Hash of `entries` (RFC 9162 §2.1.1), computed in one pass."""
    tree = MerkleTree()
    tree.extend(entries)
    return tree.root()


class NodeRun(NamedTuple):
    """Consecutive new nodes of one level: indexes first_index, first_index + 1, …

    A named tuple because a single append makes a few of these and a frozen dataclass
    costs about three times as much to build.
    """

    level: int
    first_index: int
    hashes: bytes

    @property
    def node_count(self) -> int:
        return len(self.hashes) // HASH_SIZE

    def nodes(self) -> Iterator[tuple[NodeId, bytes]]:
        """Each node with its id, for stores that write one row per node."""
        for offset in range(self.node_count):
            start = offset * HASH_SIZE
            node = (self.level, self.first_index + offset)
            yield node, self.hashes[start : start + HASH_SIZE]


class MerkleTree:
    """An append-only RFC 9162 tree that keeps only its frontier (compact range)."""

    __slots__ = ("_frontier", "_size")

    def __init__(self) -> None:
        self._size = 0
        # _frontier[level] is the root of the perfect subtree of 2^level leaves that the
        # size's bit `level` stands for; entries for clear bits are stale and never read.
        self._frontier: list[bytes] = []

    @classmethod
    def resume(cls, size: int, frontier: Sequence[bytes]) -> MerkleTree:
        """Continue a tree from its persisted frontier: the hashes of `range_nodes(0, size)`."""
        expected = range_nodes(0, size)
        if len(frontier) != len(expected) or any(len(h) != HASH_SIZE for h in frontier):
            raise LedgerError(
                Refusal.BAD_ARGUMENT, f"a tree of size {size} needs {len(expected)} hashes"
            )
        tree = cls()
        tree._size = size
        tree._frontier = [b""] * size.bit_length()
        for (level, _index), value in zip(expected, frontier, strict=True):
            tree._frontier[level] = value
        return tree

    @property
    def size(self) -> int:
        return self._size

    def frontier(self) -> list[bytes]:
        """The hashes of `range_nodes(0, size)`, largest subtree first."""
        levels = range(self._size.bit_length() - 1, -1, -1)
        return [self._frontier[level] for level in levels if self._size >> level & 1]

    def root(self) -> bytes:
        return fold_right(self.frontier())

    def append(self, entry: bytes) -> list[NodeRun]:
        """Add one entry; returns the leaf and every subtree it completed."""
        index = self._size
        value = leaf_hash(entry)
        runs = [NodeRun(0, index, value)]
        level = 0
        while index >> level & 1:
            value = node_hash(self._frontier[level], value)
            level += 1
            runs.append(NodeRun(level, index >> level, value))
        self._store_frontier(level, value)
        self._size = index + 1
        return runs

    def extend(self, entries: Sequence[bytes]) -> list[NodeRun]:
        """Add a batch level by level, so each level is hashed in one tight loop."""
        return self.extend_leaf_hashes(leaf_hashes(entries))

    def extend_leaf_hashes(self, leaves: bytes) -> list[NodeRun]:
        """Add leaves by their hashes (32 bytes each, concatenated)."""
        if len(leaves) % HASH_SIZE:
            raise LedgerError(Refusal.BAD_ARGUMENT, "leaf hashes are not a multiple of 32 bytes")
        old, new = self._size, self._size + len(leaves) // HASH_SIZE
        runs: list[NodeRun] = []
        run = leaves
        level = 0
        while run:
            first = old >> level
            runs.append(NodeRun(level, first, run))
            # An odd count of old nodes leaves the last one waiting for a right sibling.
            merged = self._frontier[level] + run if first & 1 else run
            if new >> level & 1:
                self._store_frontier(level, merged[-HASH_SIZE:])
            run = parent_hashes(merged)
            level += 1
        self._size = new
        return runs

    def _store_frontier(self, level: int, value: bytes) -> None:
        if level >= len(self._frontier):
            # A batch can complete a subtree above every level seen so far.
            self._frontier.extend([b""] * (level + 1 - len(self._frontier)))
        self._frontier[level] = value
