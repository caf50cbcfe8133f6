# SPDX-License-Identifier: EUPL-1.2
"""Journeys, offers, cases and their statuses. Nobody outside the block imports this module.

People are kept by registry person id (never a BSN or a name); the data a case was given
is kept with the case, because it is what the agency received (see `Case.shared_data`).
"""

from __future__ import annotations

import uuid

from django.db import models


class Journey(models.Model):
    """One person's journey for one instance of a life event (e.g. the birth of one child)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person_id = models.BigIntegerField(db_index=True)
    event = models.CharField(max_length=60)  # catalog life event id
    instance = models.CharField(max_length=120)  # "person.born:<person id>"
    household_key = models.CharField(max_length=80)  # offers are shared per household
    trigger = models.CharField(max_length=60)
    consent = models.CharField(max_length=12, default="not-needed")  # asked | given | refused
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person_id", "event", "instance"], name="cases_journey_once"
            )
        ]
        ordering = ["-opened_at"]


class Offer(models.Model):
    """What the rules found for a household: entitled (offered), not entitled, or unknown."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    instance = models.CharField(max_length=120)
    household_key = models.CharField(max_length=80)
    service = models.CharField(max_length=80)
    organisation = models.CharField(max_length=64)
    eligibility = models.CharField(max_length=20)  # entitled | not_entitled | need_more_info
    state = models.CharField(max_length=12, default="open")  # accepted declined withdrawn
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    period = models.CharField(max_length=10, blank=True)
    start_date = models.DateField(null=True)
    headline = models.JSONField(default=dict)  # {"nl": ..., "en": ...}
    explanation = models.JSONField(default=dict)  # {"nl": ..., "en": ...}
    questions = models.JSONField(default=list)  # [{"field", "nl", "en"}]
    answers = models.JSONField(default=dict)
    activity = models.CharField(max_length=80, blank=True)  # exchange activity at accept
    expires_at = models.DateTimeField()
    decided_by = models.BigIntegerField(null=True)  # person id of who accepted or declined
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instance", "household_key", "service"], name="cases_offer_once"
            )
        ]


class Case(models.Model):
    """A case at the competent agency (ZGW "zaak"), opened on accept or on application."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=24, unique=True)
    case_type = models.CharField(max_length=100)
    service = models.CharField(max_length=80)
    organisation = models.CharField(max_length=64, db_index=True)
    person_id = models.BigIntegerField(db_index=True)
    journey = models.ForeignKey(Journey, null=True, on_delete=models.SET_NULL)
    offer = models.OneToOneField(Offer, null=True, on_delete=models.PROTECT)
    status = models.CharField(max_length=24, default="received")
    result = models.CharField(max_length=12, blank=True)
    reasons = models.TextField(blank=True)
    shared_fields = models.JSONField(default=list)
    shared_data = models.JSONField(default=dict)  # what the agency received, by field
    opened_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-opened_at"]


class CaseStatus(models.Model):
    """The status history of a case, as the agency set it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=24)
    note = models.TextField(blank=True)
    set_by = models.CharField(max_length=80)  # "organisation:svb" or "official:<user id>"
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["set_at", "pk"]


class ScannedDay(models.Model):
    """A day whose registry events were scanned (so a catch-up does not read them again)."""

    day = models.DateField(primary_key=True)
    journeys = models.IntegerField(default=0)
    scanned_at = models.DateTimeField(auto_now=True)
