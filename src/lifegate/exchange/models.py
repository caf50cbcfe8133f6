# SPDX-License-Identifier: EUPL-1.2
"""The exchange's tables: the processing log, consents and cross-border evidence requests.

The log follows Logboek dataverwerkingen: trace and span ids, the processing activity, the
data subject (keyed hash only), status and times; each record is also a ledger entry.
Nobody outside the block imports this module; use `lifegate.exchange.services`.
"""

from __future__ import annotations

import uuid

from django.db import models


class ProcessingRecord(models.Model):
    RELEASED, REFUSED = "released", "refused"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    parent_span_id = models.CharField(max_length=16, blank=True)
    activity_id = models.CharField(max_length=80, help_text="Processing activity (register).")
    organisation_id = models.CharField(max_length=64, help_text="Who asked.")
    subject_hash = models.CharField(max_length=64, db_index=True, help_text="Keyed hash.")
    actor_hash = models.CharField(max_length=64, blank=True, help_text="Who acted, if not them.")
    status = models.CharField(max_length=10)
    reason = models.CharField(max_length=40, blank=True)
    fields = models.JSONField(default=list, help_text="Field names, never values.")
    basis = models.CharField(max_length=20, blank=True)
    journey = models.CharField(max_length=80, blank=True, help_text="Journey or case served.")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    ledger_index = models.BigIntegerField(unique=True)

    class Meta:
        indexes = [
            models.Index(fields=["subject_hash", "-started_at"], name="exchange_subject_time")
        ]


class Consent(models.Model):
    """A data subject's consent for one activity; withdrawn by setting `withdrawn_at`."""

    subject_hash = models.CharField(max_length=64)
    activity_id = models.CharField(max_length=80)
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["subject_hash", "activity_id"], name="exchange_consent_key")
        ]


class EvidenceRequest(models.Model):
    """An OOTS evidence request to another member state, and what came back."""

    REQUESTED, PREVIEW, ATTACHED, REFUSED, TIMEOUT, FAILED = (
        "requested",
        "preview",
        "attached",
        "refused",
        "timeout",
        "failed",
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.CharField(max_length=80, help_text="kind:ref of the citizen it is for.")
    subject_hash = models.CharField(max_length=64)
    country = models.CharField(max_length=2)
    evidence_type = models.CharField(max_length=200)
    procedure = models.CharField(max_length=80)
    activity_id = models.CharField(max_length=80)
    status = models.CharField(max_length=10, default=REQUESTED)
    reason = models.CharField(max_length=200, blank=True)
    provider_request_id = models.CharField(max_length=80, blank=True)
    preview_url = models.URLField(max_length=500, blank=True)
    evidence = models.JSONField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    trace_id = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
