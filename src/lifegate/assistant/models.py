# SPDX-License-Identifier: EUPL-1.2
"""The finder's tables: aggregated questions (no personal data), officials' synonyms and
evaluation runs. Other blocks use `services`, never these models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("nl", "Nederlands"), ("en", "English")]


class QueryStat(models.Model):
    """How often a normalised question was asked, found nothing, or got "not what I meant".

    Only folded words are kept, never who asked or when exactly; a question that looks like
    it holds a BSN, e-mail address or phone number is not stored at all.
    """

    query = models.CharField(_("question (normalised)"), max_length=200)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    unanswered = models.PositiveIntegerField(_("found nothing"), default=0)
    not_meant = models.PositiveIntegerField(_("not what I meant"), default=0)
    not_meant_targets = models.JSONField(_("results marked not meant"), default=dict)
    last_seen = models.DateField(_("last asked on"))

    class Meta:
        verbose_name = _("question asked")
        verbose_name_plural = _("questions asked")
        constraints = [
            models.UniqueConstraint(fields=["query", "language"], name="assistant_query_once")
        ]
        ordering = ["-unanswered", "-not_meant", "-searches"]

    def __str__(self) -> str:
        return f"{self.query} ({self.language})"


class Synonym(models.Model):
    """A word citizens use for a life event or service, added by an official; the finder
    uses it at once, beside the curated file `content/synonyms.yaml`."""

    target = models.CharField(_("catalog id"), max_length=100)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    phrase = models.CharField(_("word or phrase"), max_length=100)
    added_on = models.DateTimeField(_("added on"), auto_now_add=True)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "language", "phrase"], name="assistant_synonym_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.target} ({self.language})"


class EvaluationRun(models.Model):
    """The figures of one `lifegate assistant evaluate` run; the register shows the latest."""

    created_at = models.DateTimeField(_("run on"), auto_now_add=True)
    model = models.CharField(_("model"), max_length=200)
    cases = models.PositiveIntegerField(_("questions"))
    scores = models.JSONField(_("scores"))
    meets_targets = models.BooleanField(_("meets the targets"))

    class Meta:
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.model}"
