# SPDX-License-Identifier: EUPL-1.2
"""Catalog tables. Nobody outside the catalog block imports this module: use `services`.

The tables mirror the content schema (`catalog/README.md`) and the pure `cpsv.model`
values, so the database converts to a `Catalog` and back without loss (`store.py`). Every
text is a language map (``{"nl": …, "en": …}``) in a JSONField: another language needs no
schema change. References between entries are foreign keys; the value objects a service
owns alone (steps, requirements, costs, output, eID) are JSON on the service row, so one
history record holds a whole version of the service and a revert restores all of it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped,unused-ignore]


def _text(language_map: Any, fallback: str) -> str:
    if isinstance(language_map, dict):
        return str(language_map.get("nl") or language_map.get("en") or fallback)
    return fallback


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
        return _text(self.name, self.identifier)


class ContactPoint(models.Model):
    """How citizens reach an organisation about a service (cv:ContactPoint)."""

    identifier = models.SlugField(_("identifier"), max_length=80, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    phone = models.CharField(_("phone"), max_length=40)
    email = models.CharField(_("email"), max_length=254)
    page = models.URLField(_("web page"), max_length=500)
    hours = models.JSONField(_("opening hours"))

    class Meta:
        ordering = ["identifier"]

    def __str__(self) -> str:
        return self.identifier


class Event(models.Model):
    """A life event or business event (cv:LifeEvent / cv:BusinessEvent)."""

    class Kind(models.TextChoices):
        LIFE = "life", _("life event")
        BUSINESS = "business", _("business event")

    identifier = models.SlugField(_("identifier"), max_length=80, unique=True)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.JSONField(_("name"))
    description = models.JSONField(_("description"))
    eu_type = models.URLField(_("EU code-list concept"), max_length=500)
    eu_type_label = models.JSONField(_("EU code-list label"))
    eu_type_verify = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "identifier"]

    def __str__(self) -> str:
        return _text(self.name, self.identifier)


class LegalResource(models.Model):
    """A law or regulation with its BWB or ELI identifier (eli:LegalResource)."""

    identifier = models.SlugField(_("identifier"), max_length=80, unique=True)
    uri = models.URLField(_("URI"), max_length=500)
    local_id = models.CharField(_("BWB or ELI identifier"), max_length=200)
    title = models.JSONField(_("title"))
    verify = models.BooleanField(default=False)

    class Meta:
        ordering = ["identifier"]

    def __str__(self) -> str:
        return _text(self.title, self.identifier)


class EvidenceType(models.Model):
    """A kind of document or data that proves a requirement (cv:EvidenceType)."""

    identifier = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = models.JSONField(_("name"))
    description = models.JSONField(_("description"))

    class Meta:
        ordering = ["identifier"]

    def __str__(self) -> str:
        return _text(self.name, self.identifier)


class Redress(models.Model):
    """How to object and appeal, and what happens when the authority does not answer."""

    identifier = models.SlugField(_("identifier"), max_length=80, unique=True)
    objection = models.JSONField(_("objection and appeal"))
    no_response = models.JSONField(_("no answer in time"))

    class Meta:
        ordering = ["identifier"]
        verbose_name_plural = "redress"

    def __str__(self) -> str:
        return self.identifier


# Module-level so `store.record_version` can write a record (the class attribute becomes a
# history manager). Positions are display order, not content: they keep no history.
SERVICE_HISTORY = HistoricalRecords(
    m2m_fields=["authorities", "events", "contact_points", "legal_resources"],
    excluded_fields=["position"],
)


class Service(models.Model):
    """A public service with every SDG Art. 9-10 item (cv:PublicService).

    The identifier is also the rules-engine id: the service follows the rule with that id.
    """

    class Mode(models.TextChoices):
        PROACTIVE = "proactive", _("proactive")
        APPLY = "apply", _("apply")
        INFORMATION = "information", _("information only")

    identifier = models.SlugField(_("identifier"), max_length=80, unique=True)
    position = models.PositiveIntegerField(default=0)
    name = models.JSONField(_("name"))
    description = models.JSONField(_("description"))
    authorities = models.ManyToManyField(Organisation, verbose_name=_("competent authorities"))
    events = models.ManyToManyField(Event, verbose_name=_("life events"))
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices)
    contact_points = models.ManyToManyField(ContactPoint, verbose_name=_("contact points"))
    channels = models.JSONField(_("channels"), default=list)
    # {"loa": "substantial", "means": ["digid", "eu-eid"]}, or null for information only
    eid = models.JSONField(_("eID means and level of assurance"), null=True, blank=True)
    steps = models.JSONField(_("steps"), default=list)
    requirements = models.JSONField(_("requirements"), default=list)
    costs = models.JSONField(_("costs"), default=list)
    processing_time = models.CharField(_("processing time (ISO 8601)"), max_length=40)
    deadline = models.JSONField(_("deadline"))
    redress = models.ForeignKey(
        Redress, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("redress")
    )
    legal_resources = models.ManyToManyField(LegalResource, verbose_name=_("legal resources"))
    output = models.JSONField(_("output"))
    updated = models.DateField(_("last update"))
    # A service imported from a plain CPSV-AP catalog may lack SDG items (e.g. "lg:step"):
    # it is stored as a draft, not shown to citizens, until an official completes it.
    complete = models.BooleanField(_("complete (shown to citizens)"), default=True)
    missing_sdg_items = models.JSONField(_("missing SDG items"), default=list, blank=True)
    # One record per saved version, relations included; `store.record_version` writes it
    # once after the relations are set (simple-history would add one per relation change).
    history = SERVICE_HISTORY

    class Meta:
        ordering = ["position", "identifier"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return _text(self.name, self.identifier)
