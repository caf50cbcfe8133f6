# SPDX-License-Identifier: EUPL-1.2
"""Catalog tables. Nobody outside the catalog block imports this module: use `services`."""

from __future__ import annotations

from django.db import models


class Organisation(models.Model):
    """A competent organisation (CPSV-AP PublicOrganisation), with names per language."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", "municipality"
        AGENCY = "agency", "agency"
        INSURER = "insurer", "insurer"
        FOREIGN_AUTHORITY = "foreign-authority", "foreign authority"

    identifier = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    country = models.CharField(max_length=2)
    municipality_code = models.CharField(max_length=6, blank=True)
    # Language maps ({"nl": ..., "en": ...}): another language needs no schema change.
    name = models.JSONField()
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    oin = models.CharField("OIN", max_length=20, blank=True)

    class Meta:
        ordering = ["identifier"]

    def __str__(self) -> str:
        return str(self.name.get("nl") or self.identifier)
