# SPDX-License-Identifier: EUPL-1.2
"""The officials' audit trail (each row also a ledger entry) and the drills' marks."""

from __future__ import annotations

from django.db import models


class OfficialAction(models.Model):
    """One official's action; `ledger_index` is its entry in the tamper-evident ledger."""

    actor = models.CharField(max_length=80)
    action = models.CharField(max_length=80)
    object = models.CharField(max_length=120)
    result = models.CharField(max_length=16)
    origin = models.CharField(max_length=80, blank=True)
    at = models.CharField(max_length=40)
    reason = models.CharField(max_length=80, blank=True, default="")
    ledger_index = models.BigIntegerField(unique=True)

    class Meta:
        ordering = ("ledger_index",)


class DrillMark(models.Model):
    """A row a drill's job writes once; a job killed mid-run must leave none behind."""

    marker = models.CharField(max_length=80, unique=True)
    written_at = models.DateTimeField(auto_now_add=True)
