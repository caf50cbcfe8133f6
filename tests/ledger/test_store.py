# SPDX-License-Identifier: EUPL-1.2
"""The node store and the tree's bookkeeping refuse what would corrupt a log."""

from __future__ import annotations

import pytest

from lifegate.ledger import (
    LedgerError,
    MemoryNodeStore,
    MerkleTree,
    NodeRun,
    Refusal,
    consistency_nodes,
    inclusion_nodes,
    leaf_hashes,
    range_nodes,
)

ENTRIES = [bytes([i]) for i in range(13)]


def _reason(call: object, *args: object) -> Refusal:
    with pytest.raises(LedgerError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.reason


def test_a_store_built_in_bulk_equals_one_built_by_appends() -> None:
    tree, appended = MerkleTree(), MemoryNodeStore()
    for entry in ENTRIES:
        appended.add_runs(tree.append(entry))
    bulk = MemoryNodeStore.from_leaf_hashes(leaf_hashes(ENTRIES))
    every_node = [(level, i) for level in range(4) for i in range(13 >> level)]

    assert bulk.get_hashes(every_node) == appended.get_hashes(every_node)
    assert [bulk.level_size(level) for level in range(5)] == [13, 6, 3, 1, 0]


@pytest.mark.parametrize("first_index", [0, 1, 3])
def test_a_store_refuses_runs_that_rewrite_or_skip_nodes(first_index: int) -> None:
    store = MemoryNodeStore()
    store.add_runs([NodeRun(0, 0, bytes(64))])

    assert _reason(store.add_runs, [NodeRun(0, first_index, bytes(32))]) == Refusal.BAD_ARGUMENT


@pytest.mark.parametrize("node", [(0, 13), (4, 0), (0, -1)])
def test_a_missing_node_is_reported_not_invented(node: tuple[int, int]) -> None:
    store = MemoryNodeStore.from_leaf_hashes(leaf_hashes(ENTRIES))

    assert _reason(store.get_hashes, [node]) == Refusal.MISSING_NODE


def test_an_append_reports_each_completed_subtree() -> None:
    tree = MerkleTree()
    tree.extend(ENTRIES[:7])

    runs = tree.append(ENTRIES[7])

    assert [(run.level, run.first_index, run.node_count) for run in runs] == [
        (0, 7, 1),
        (1, 3, 1),
        (2, 1, 1),
        (3, 0, 1),
    ]


def test_a_proof_needs_at_most_two_lookups_per_level() -> None:
    size = 10_000_000

    widest = max(sum(map(len, inclusion_nodes(i, size))) for i in range(size - 64, size))

    assert widest <= 2 * size.bit_length()
    assert sum(map(len, consistency_nodes(9_999_999, size))) <= 2 * size.bit_length()


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (inclusion_nodes, (5, 5)),
        (inclusion_nodes, (-1, 5)),
        (consistency_nodes, (6, 5)),
        (range_nodes, (3, 7)),
        (MerkleTree.resume, (3, [bytes(32)])),
        (MerkleTree().extend_leaf_hashes, (bytes(31),)),
    ],
)
def test_impossible_requests_are_refused(call: object, args: tuple[object, ...]) -> None:
    assert _reason(call, *args) == Refusal.BAD_ARGUMENT


def test_a_run_lists_its_nodes_with_their_ids() -> None:
    run = NodeRun(2, 5, bytes(32) + bytes([1]) * 32)

    assert list(run.nodes()) == [((2, 5), bytes(32)), ((2, 6), bytes([1]) * 32)]
