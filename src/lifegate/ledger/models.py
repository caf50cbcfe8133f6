# SPDX-License-Identifier: EUPL-1.2
"""The persisted ledger: entries, the node store (see README) and signed checkpoints.

Every table here is insert-only: the database refuses UPDATE and DELETE (`guard.py`).
Nobody outside the block imports this module; use `lifegate.ledger.services`.
"""

from __future__ import annotations

from django.db import models


class Entry(models.Model):
    """One leaf of the log, in order. `data` holds hashes and ids, never personal data."""

    index = models.BigIntegerField(primary_key=True)
    data = models.BinaryField()
    appended_at = models.DateTimeField()


class Node(models.Model):
    """A perfect subtree's hash, keyed (level, index); level 0 holds the leaf hashes."""

    pk = models.CompositePrimaryKey("level", "index")
    level = models.SmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)


class SignedCheckpoint(models.Model):
    """A C2SP signed note of a tree head, as published."""

    size = models.BigIntegerField(primary_key=True)
    root_hash = models.BinaryField(max_length=32)
    note = models.TextField()
    signed_at = models.DateTimeField()
