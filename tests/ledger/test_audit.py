# SPDX-License-Identifier: EUPL-1.2
"""`audit_log` says what is wrong: changed, removed, reordered entries, forged checkpoints."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lifegate.ledger import (
    Checkpoint,
    Finding,
    LedgerError,
    MemoryNodeStore,
    MerkleTree,
    NoteSigner,
    Refusal,
    audit_log,
    inclusion_proof,
    leaf_hash,
    leaf_hashes,
    root_hash,
    sign_checkpoint,
    verify_inclusion,
)

ORIGIN = "ledger.lifegate.example/test"
LOG_KEY = NoteSigner.from_private_key(ORIGIN, Ed25519PrivateKey.from_private_bytes(bytes(32)))
TRUSTED = [LOG_KEY.verifier()]
ENTRIES = [f"processing {i}".encode() for i in range(20)]
RECORDED = leaf_hashes(ENTRIES)


def _signed(entries: list[bytes], signer: NoteSigner = LOG_KEY) -> str:
    return sign_checkpoint(Checkpoint(ORIGIN, len(entries), root_hash(entries)), [signer])


CHECKPOINT = _signed(ENTRIES)


def _findings(entries: list[bytes], **kwargs: object) -> list[tuple[Finding, tuple[int, ...]]]:
    kwargs.setdefault("recorded_leaves", RECORDED)
    report = audit_log(entries, kwargs.pop("note", CHECKPOINT), TRUSTED, **kwargs)  # type: ignore[arg-type]
    return [(problem.finding, problem.indexes) for problem in report.problems]


def _changed(at: int) -> list[bytes]:
    entries = list(ENTRIES)
    entries[at] = b"rewritten"
    return entries


def test_an_intact_log_passes_and_says_so() -> None:
    report = audit_log(ENTRIES, CHECKPOINT, TRUSTED, origin=ORIGIN, recorded_leaves=RECORDED)

    assert report.ok
    assert report.lines() == [f"20 entries; checkpoint {ORIGIN} at size 20: intact"]


def test_entries_appended_after_the_checkpoint_are_not_judged() -> None:
    assert audit_log([*ENTRIES, b"later"], CHECKPOINT, TRUSTED).ok


@pytest.mark.parametrize("at", [0, 7, 19])
def test_a_changed_entry_is_named_by_index(at: int) -> None:
    assert _findings(_changed(at)) == [(Finding.ENTRY_CHANGED, (at,))]


def test_a_changed_entry_without_recorded_hashes_is_still_a_root_mismatch() -> None:
    assert _findings(_changed(3), recorded_leaves=None) == [(Finding.ROOT_MISMATCH, ())]


@pytest.mark.parametrize(("start", "count"), [(0, 1), (5, 3), (17, 3)])
def test_removed_entries_are_named_by_index(start: int, count: int) -> None:
    entries = ENTRIES[:start] + ENTRIES[start + count :]

    assert _findings(entries) == [(Finding.ENTRIES_REMOVED, tuple(range(start, start + count)))]


def test_removed_entries_without_recorded_hashes_are_counted() -> None:
    report = audit_log(ENTRIES[:15], CHECKPOINT, TRUSTED)

    assert [p.finding for p in report.problems] == [Finding.ENTRIES_REMOVED]
    assert "5 of 20 signed entries removed" in report.lines()[1]


def test_swapped_entries_are_reported_as_reordered() -> None:
    entries = list(ENTRIES)
    entries[4], entries[9] = entries[9], entries[4]

    assert _findings(entries) == [(Finding.ENTRIES_REORDERED, (4, 9))]


def test_a_move_and_a_change_are_told_apart() -> None:
    entries = list(ENTRIES)
    entries[1], entries[2] = entries[2], entries[1]
    entries[10] = b"rewritten"

    assert _findings(entries) == [
        (Finding.ENTRIES_REORDERED, (1, 2)),
        (Finding.ENTRY_CHANGED, (10,)),
    ]


def test_recorded_hashes_rewritten_with_the_entries_are_not_trusted() -> None:
    tampered = _changed(6)

    findings = _findings(tampered, recorded_leaves=leaf_hashes(tampered))

    assert findings == [(Finding.ROOT_MISMATCH, ()), (Finding.RECORD_TAMPERED, ())]


def test_a_checkpoint_re_signed_by_another_key_is_reported_forged() -> None:
    forged = _signed(_changed(2), NoteSigner.generate(ORIGIN))

    report = audit_log(_changed(2), forged, TRUSTED)

    assert [p.finding for p in report.problems] == [Finding.FORGED_CHECKPOINT]
    assert report.checkpoint is None
    assert "unknown_key" in report.lines()[0]


def test_a_checkpoint_with_an_edited_root_is_reported_forged() -> None:
    lines = CHECKPOINT.split("\n")
    lines[2] = lines[2][:-2] + ("A=" if lines[2][-2] != "A" else "B=")

    assert _findings(ENTRIES, note="\n".join(lines)) == [(Finding.FORGED_CHECKPOINT, ())]


def test_an_earlier_checkpoint_that_the_entries_no_longer_match_is_reported() -> None:
    earlier = [_signed(ENTRIES[:5]), _signed(ENTRIES[:12])]
    rewritten = _changed(8)
    now = _signed(rewritten)

    findings = _findings(rewritten, note=now, recorded_leaves=None, earlier_checkpoints=earlier)

    assert findings == [(Finding.HISTORY_REWRITTEN, ())]


def test_a_report_names_many_changes_without_listing_them_all() -> None:
    entries = [b"x%d" % i for i in range(20)]

    report = audit_log(entries, CHECKPOINT, TRUSTED, recorded_leaves=RECORDED)

    assert len(report.problems) == 11
    assert report.lines()[-1] == "entry_changed: 10 more entries differ from the signed entries"


def test_an_inclusion_proof_for_the_wrong_tree_size_is_refused() -> None:
    tree, store = MerkleTree(), MemoryNodeStore()
    store.add_runs(tree.extend(ENTRIES))
    proof = inclusion_proof(store, 3, 12)

    with pytest.raises(LedgerError) as caught:
        verify_inclusion(leaf_hash(ENTRIES[3]), 3, 20, proof, tree.root())

    assert caught.value.reason == Refusal.INVALID_PROOF
