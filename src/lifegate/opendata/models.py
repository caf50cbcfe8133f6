# SPDX-License-Identifier: EUPL-1.2
"""Releases, their files and their rows. A published release is never changed or deleted."""

from __future__ import annotations

from typing import Any

from django.db import models


class ImmutableError(Exception):
    """A published release, file or row was about to be changed or deleted."""


class _Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError(f"{type(self).__name__} {self.pk} is published: add a version")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError(f"{type(self).__name__} {self.pk} is published: add a version")


class Release(_Immutable):
    """One version of the statistics of one month."""

    period = models.CharField(max_length=7, help_text="YYYY-MM")
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    epsilon = models.FloatField(help_text="Privacy loss of this release (pure ε-DP).")
    parameters = models.JSONField(help_text="The privacy parameters, published.")
    spends = models.JSONField(help_text="ε per query: [{table, measure, epsilon}].")
    fingerprint = models.CharField(max_length=64, help_text="Digest of input + parameters.")
    changes = models.TextField(blank=True, help_text="What this version changed.")
    source = models.CharField(max_length=40)

    class Meta:
        ordering = ["period", "version"]
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="opendata_release_version")
        ]

    def __str__(self) -> str:
        return f"{self.period} v{self.version}"


class Distribution(_Immutable):
    """One file of a release: a table as CSV, its Table Schema, or Parquet."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="files")
    table = models.CharField(max_length=60)
    media_type = models.CharField(max_length=80)
    name = models.CharField(max_length=120)
    byte_size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["release", "table", "name"]


class Observation(_Immutable):
    """One published row, for the query API."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="rows")
    table = models.CharField(max_length=60)
    life_event = models.CharField(max_length=60, blank=True)
    service = models.CharField(max_length=80, blank=True)
    organisation = models.CharField(max_length=80, blank=True)
    municipality = models.CharField(max_length=10, blank=True)
    channel = models.CharField(max_length=20, blank=True)
    measures = models.JSONField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["table", "release"])]
