# SPDX-License-Identifier: EUPL-1.2
"""Known answers from the Certificate Transparency / transparency-dev reference suite.

Leaves, roots and node hashes: transparency-dev/merkle `testonly/constants.go`
(LeafInputs, RootHashes, NodeHashes, CompactTrees); proofs: `testonly/reference_test.go`.
"""

from __future__ import annotations

import pytest

from lifegate.ledger import (
    EMPTY_ROOT,
    MemoryNodeStore,
    MerkleTree,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_at,
    root_hash,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [
    bytes.fromhex(value)
    for value in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]

ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]

NODES = {
    (0, 0): "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    (0, 1): "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    (0, 2): "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    (0, 3): "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    (0, 4): "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    (0, 5): "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    (0, 6): "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    (0, 7): "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    (1, 0): "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    (1, 1): "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    (1, 2): "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    (1, 3): "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    (2, 0): "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    (2, 1): "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    (3, 0): "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}

# CompactTrees(): the frontier after each size, largest subtree first.
FRONTIERS = [
    [],
    [(0, 0)],
    [(1, 0)],
    [(1, 0), (0, 2)],
    [(2, 0)],
    [(2, 0), (0, 4)],
    [(2, 0), (1, 2)],
    [(2, 0), (1, 2), (0, 6)],
    [(3, 0)],
]

INCLUSION = [
    (0, 1, []),
    (0, 2, [NODES[0, 1]]),
    (1, 2, [NODES[0, 0]]),
    (2, 3, [NODES[1, 0]]),
    (1, 5, [NODES[0, 0], NODES[1, 1], NODES[0, 4]]),
    (0, 8, [NODES[0, 1], NODES[1, 1], NODES[2, 1]]),
    (5, 8, [NODES[0, 4], NODES[1, 3], NODES[2, 0]]),
]

CONSISTENCY = [
    (1, 1, []),
    (1, 8, [NODES[0, 1], NODES[1, 1], NODES[2, 1]]),
    (2, 5, [NODES[1, 1], NODES[0, 4]]),
    (6, 8, [NODES[1, 2], NODES[1, 3], NODES[2, 0]]),
]


def _store() -> MemoryNodeStore:
    tree, store = MerkleTree(), MemoryNodeStore()
    for entry in LEAVES:
        store.add_runs(tree.append(entry))
    return store


def test_the_empty_tree_hashes_to_the_hash_of_nothing() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]


@pytest.mark.parametrize("size", range(9))
def test_root_of_the_first_leaves_matches_the_reference_root(size: int) -> None:
    assert root_hash(LEAVES[:size]).hex() == ROOTS[size]


@pytest.mark.parametrize("size", range(9))
def test_root_read_back_from_the_node_store_matches_the_reference(size: int) -> None:
    assert root_at(_store(), size).hex() == ROOTS[size]


@pytest.mark.parametrize("size", range(9))
def test_frontier_is_the_reference_compact_range(size: int) -> None:
    tree = MerkleTree()

    tree.extend(LEAVES[:size])

    assert [value.hex() for value in tree.frontier()] == [NODES[n] for n in FRONTIERS[size]]


def test_every_stored_node_matches_the_reference_node_hashes() -> None:
    store = _store()

    stored = store.get_hashes(list(NODES))

    assert [value.hex() for value in stored] == list(NODES.values())


@pytest.mark.parametrize(("index", "size", "expected"), INCLUSION)
def test_inclusion_proof_matches_the_reference_and_verifies(
    index: int, size: int, expected: list[str]
) -> None:
    proof = inclusion_proof(_store(), index, size)

    assert [value.hex() for value in proof] == expected
    verify_inclusion(leaf_hash(LEAVES[index]), index, size, proof, bytes.fromhex(ROOTS[size]))


@pytest.mark.parametrize(("old", "new", "expected"), CONSISTENCY)
def test_consistency_proof_matches_the_reference_and_verifies(
    old: int, new: int, expected: list[str]
) -> None:
    proof = consistency_proof(_store(), old, new)

    assert [value.hex() for value in proof] == expected
    old_root, new_root = bytes.fromhex(ROOTS[old]), bytes.fromhex(ROOTS[new])
    verify_consistency(old, new, proof, old_root, new_root)
