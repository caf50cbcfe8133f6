# SPDX-License-Identifier: EUPL-1.2
"""The pure Merkle core: batch appends against raw SHA-256, and proof time at 10M entries.

Targets (issue 6): appends reach at least 40 % of the hash-bound limit, which is half the
raw `hashlib.sha256` rate of this machine (an append costs a leaf hash plus one node hash
amortised); an inclusion proof at 10,000,000 entries takes under 1 ms. The baseline is
measured in the same run. Run: `uv run --frozen python bench/ledger_merkle.py`.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import time
from collections.abc import Callable

from lifegate.ledger import (
    MemoryNodeStore,
    MerkleTree,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_at,
    verify_consistency,
    verify_inclusion,
)

ENTRY_SIZE = 32  # ledger entries hold hashes and ids, so a leaf input is about this long


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of `repeat` runs: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _entries(start: int, count: int) -> list[bytes]:
    return [i.to_bytes(ENTRY_SIZE, "big") for i in range(start, start + count)]


def raw_sha256_rate(count: int) -> float:
    """Hashes per second of `sha256(msg).digest()` over 64-byte messages in a tight loop."""
    messages = [i.to_bytes(64, "big") for i in range(count)]
    sha256 = hashlib.sha256
    return count / _best(lambda: [sha256(m).digest() for m in messages])


def exact_hash_rate(count: int) -> float:
    """Leaves per second if an append cost exactly its hashes and nothing else.

    One leaf hash over 0x00 || 32-byte entry (one SHA-256 block) plus one node hash over
    0x01 || 64 bytes (two blocks): a stricter bound than half the raw 64-byte rate.
    """
    leaves = [b"\x00" + i.to_bytes(ENTRY_SIZE, "big") for i in range(count)]
    nodes = [b"\x01" + i.to_bytes(64, "big") for i in range(count)]
    sha256 = hashlib.sha256
    return count / _best(
        lambda: ([sha256(m).digest() for m in leaves], [sha256(m).digest() for m in nodes])
    )


def append_rate(count: int, batch: int, *, keep_nodes: bool) -> float:
    batches = [_entries(start, batch) for start in range(0, count, batch)]

    def run() -> None:
        tree, store = MerkleTree(), MemoryNodeStore()
        for entries in batches:
            runs = tree.extend(entries)
            if keep_nodes:
                store.add_runs(runs)

    return count / _best(run)


def single_append_rate(count: int) -> float:
    entries = _entries(0, count)

    def run() -> None:
        tree = MerkleTree()
        for entry in entries:
            tree.append(entry)

    return count / _best(run)


def build_store(size: int, batch: int = 1 << 20) -> tuple[MemoryNodeStore, bytes, float]:
    """Grow a log to `size` entries through the real append path, keeping every node."""
    tree, store = MerkleTree(), MemoryNodeStore()
    started = time.perf_counter()
    for start in range(0, size, batch):
        store.add_runs(tree.extend(_entries(start, min(batch, size - start))))
    return store, tree.root(), time.perf_counter() - started


def _percentiles(samples_ns: list[int]) -> str:
    cuts = statistics.quantiles(samples_ns, n=100)
    p50, p95, top = cuts[49] / 1e3, cuts[94] / 1e3, max(samples_ns) / 1e3
    return f"p50 {p50:6.1f} µs  p95 {p95:6.1f} µs  max {top:6.1f} µs"


def proof_times(store: MemoryNodeStore, size: int, samples: int) -> tuple[list[int], list[int]]:
    picker = random.Random(6)  # noqa: S311 - sampling indexes, not secrets
    inclusion, consistency = [], []
    for _ in range(samples):
        index = picker.randrange(size)
        started = time.perf_counter_ns()
        inclusion_proof(store, index, size)
        inclusion.append(time.perf_counter_ns() - started)
        old = picker.randrange(1, size)
        started = time.perf_counter_ns()
        consistency_proof(store, old, size)
        consistency.append(time.perf_counter_ns() - started)
    return inclusion, consistency


def check_proofs(store: MemoryNodeStore, size: int, root: bytes) -> None:
    """A fast bench of wrong proofs is worthless: verify a few against the real root."""
    for index in (0, size // 3, size - 1):
        entry = index.to_bytes(ENTRY_SIZE, "big")
        verify_inclusion(leaf_hash(entry), index, size, inclusion_proof(store, index, size), root)
    old = size // 7
    proof = consistency_proof(store, old, size)
    verify_consistency(old, size, proof, root_at(store, old), root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--appends", type=int, default=1_000_000)
    parser.add_argument("--proof-size", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=2_000)
    args = parser.parse_args()

    raw = raw_sha256_rate(args.appends)
    limit = raw / 2
    print(f"raw sha256 (64-byte messages): {raw / 1e6:6.2f} M hashes/s")
    print(f"hash-bound append limit:       {limit / 1e6:6.2f} M leaves/s  (half the raw rate)")
    exact = exact_hash_rate(args.appends)
    print(f"cost of an append's 2 hashes:  {exact / 1e6:6.2f} M leaves/s  (stricter limit)")
    for batch in (1_000, 10_000, 100_000):
        rate = append_rate(args.appends, batch, keep_nodes=False)
        print(
            f"extend, batches of {batch:>7,}:   {rate / 1e6:6.2f} M leaves/s  "
            f"= {100 * rate / limit:5.1f} % of the limit (target ≥ 40 %), "
            f"{100 * rate / exact:5.1f} % of the stricter one"
        )
    rate = append_rate(args.appends, 10_000, keep_nodes=True)
    print(
        f"extend + keep every node:      {rate / 1e6:6.2f} M leaves/s  "
        f"= {100 * rate / limit:5.1f} % of the limit"
    )
    rate = single_append_rate(args.appends // 4)
    print(
        f"append one at a time:          {rate / 1e6:6.2f} M leaves/s  "
        f"= {100 * rate / limit:5.1f} % of the limit"
    )

    store, root, seconds = build_store(args.proof_size)
    print(f"\nbuilt a {args.proof_size:,}-entry log with every node in {seconds:.1f} s")
    check_proofs(store, args.proof_size, root)
    inclusion, consistency = proof_times(store, args.proof_size, args.samples)
    print(
        f"inclusion proof   ({args.samples} random leaves): {_percentiles(inclusion)}"
        "  (target < 1 ms)"
    )
    print(f"consistency proof ({args.samples} random sizes):  {_percentiles(consistency)}")


if __name__ == "__main__":
    main()
