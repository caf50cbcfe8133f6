# SPDX-License-Identifier: EUPL-1.2
"""Random append sequences against the RFC's recursive definitions (tests/ledger/reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lifegate.ledger import (
    LedgerError,
    MemoryNodeStore,
    MerkleTree,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_at,
    verify_consistency,
    verify_inclusion,
)
from tests.ledger import reference

entries_st = st.lists(st.binary(max_size=6), min_size=1, max_size=70)
batches_st = st.lists(st.lists(st.binary(max_size=6), max_size=9), max_size=10)


def _grown(entries: list[bytes]) -> MemoryNodeStore:
    tree, store = MerkleTree(), MemoryNodeStore()
    store.add_runs(tree.extend(entries))
    return store


def _refused(check: object, *args: object) -> bool:
    try:
        check(*args)  # type: ignore[operator]
    except LedgerError:
        return True
    return False


def _flip(value: bytes, at: int) -> bytes:
    return value[:at] + bytes([value[at] ^ 0x01]) + value[at + 1 :]


@given(batches_st, st.lists(st.booleans(), max_size=10))
def test_root_after_any_append_sequence_is_the_recursive_mth(
    batches: list[list[bytes]], one_by_one: list[bool]
) -> None:
    tree, store, log = MerkleTree(), MemoryNodeStore(), []
    for batch, single in zip(batches, one_by_one + [False] * len(batches), strict=False):
        if single:
            for entry in batch:
                store.add_runs(tree.append(entry))
        else:
            store.add_runs(tree.extend(batch))
        log.extend(batch)

        assert tree.size == len(log)
        assert tree.root() == reference.mth(log)
    assert all(root_at(store, size) == reference.mth(log[:size]) for size in range(len(log) + 1))


@given(entries_st, st.data())
def test_a_resumed_tree_continues_where_the_old_one_stopped(
    entries: list[bytes], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(entries)))
    first = MerkleTree()
    first.extend(entries[:cut])

    resumed = MerkleTree.resume(cut, first.frontier())
    resumed.extend(entries[cut:])

    assert resumed.root() == reference.mth(entries)


@given(entries_st, st.data())
def test_every_inclusion_proof_is_the_rfc_path_and_verifies(
    entries: list[bytes], data: st.DataObject
) -> None:
    size = data.draw(st.integers(1, len(entries)), label="size")
    index = data.draw(st.integers(0, size - 1), label="index")

    proof = inclusion_proof(_grown(entries), index, size)

    assert proof == reference.path(index, entries[:size])
    verify_inclusion(leaf_hash(entries[index]), index, size, proof, reference.mth(entries[:size]))


@given(entries_st, st.data())
def test_every_consistency_proof_is_the_rfc_proof_and_verifies(
    entries: list[bytes], data: st.DataObject
) -> None:
    new = data.draw(st.integers(0, len(entries)), label="new")
    old = data.draw(st.integers(0, new), label="old")

    proof = consistency_proof(_grown(entries), old, new)

    assert proof == reference.proof(old, entries[:new])
    verify_consistency(old, new, proof, reference.mth(entries[:old]), reference.mth(entries[:new]))


@settings(max_examples=200)
@given(entries_st, st.data())
def test_flipping_any_byte_breaks_an_inclusion_proof(
    entries: list[bytes], data: st.DataObject
) -> None:
    size = data.draw(st.integers(1, len(entries)), label="size")
    index = data.draw(st.integers(0, size - 1), label="index")
    proof = inclusion_proof(_grown(entries), index, size)
    leaf, root = leaf_hash(entries[index]), reference.mth(entries[:size])
    parts = [leaf, root, *proof]
    part = data.draw(st.integers(0, len(parts) - 1), label="part")
    parts[part] = _flip(parts[part], data.draw(st.integers(0, 31), label="byte"))

    assert _refused(verify_inclusion, parts[0], index, size, parts[2:], parts[1])


@settings(max_examples=200)
@given(entries_st, st.data())
def test_flipping_any_byte_breaks_a_consistency_proof(
    entries: list[bytes], data: st.DataObject
) -> None:
    new = data.draw(st.integers(2, max(2, len(entries))), label="new")
    entries = entries + [b"pad"] * (new - len(entries))
    old = data.draw(st.integers(1, new - 1), label="old")
    proof = consistency_proof(_grown(entries), old, new)
    parts = [reference.mth(entries[:old]), reference.mth(entries[:new]), *proof]
    part = data.draw(st.integers(0, len(parts) - 1), label="part")
    parts[part] = _flip(parts[part], data.draw(st.integers(0, 31), label="byte"))

    assert _refused(verify_consistency, old, new, parts[2:], parts[0], parts[1])


@given(st.lists(st.binary(max_size=6), min_size=3, max_size=70, unique=True), st.data())
def test_a_proof_for_another_index_or_tree_size_is_refused(
    entries: list[bytes], data: st.DataObject
) -> None:
    size = data.draw(st.integers(2, len(entries) - 1), label="size")
    index = data.draw(st.integers(0, size - 1), label="index")
    proof = inclusion_proof(_grown(entries), index, size)
    leaf = leaf_hash(entries[index])
    other = data.draw(st.integers(0, size - 1).filter(lambda i: i != index), label="other")
    later = data.draw(st.integers(size + 1, len(entries)), label="later")

    assert _refused(verify_inclusion, leaf, other, size, proof, reference.mth(entries[:size]))
    assert _refused(verify_inclusion, leaf, index, later, proof, reference.mth(entries[:later]))
