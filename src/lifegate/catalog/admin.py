# SPDX-License-Identifier: EUPL-1.2
"""Officials maintain their own organisation's services here, with history and revert.

An official sees and edits only the services their organisations are competent for
(`identity.services.organisations_of_official`); a superuser sees all. Every save is
checked with the same field checks as the content files (`cpsv.checks`), so an incomplete
service is refused with a message per field. django-simple-history keeps each version
(who, when, what changed) and the history page compares versions and reverts one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from lifegate.catalog import store
from lifegate.catalog.forms import ServiceForm
from lifegate.catalog.models import (
    ContactPoint,
    Event,
    EvidenceType,
    LegalResource,
    Organisation,
    Redress,
    Service,
)
from lifegate.identity import services as identity

ADMIN_REASON = "admin"
# addresses typed without a scheme are https (Django 6's default, asked for now)
_HTTPS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


def organisations_of(request: HttpRequest) -> list[str] | None:
    """None: every organisation (a superuser); otherwise the official's organisations."""
    if request.user.is_superuser:
        return None
    user_id = request.user.pk
    return [] if user_id is None else identity.organisations_of_official(user_id)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    """An official sees and edits only their own organisations; only a superuser adds one."""

    list_display = ("identifier", "kind", "country", "municipality_code")
    list_filter = ("kind", "country")
    search_fields = ("identifier", "name")
    formfield_overrides = _HTTPS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        rows: QuerySet[Organisation] = super().get_queryset(request)
        allowed = organisations_of(request)
        return rows if allowed is None else rows.filter(identifier__in=allowed)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(ContactPoint)
class ContactPointAdmin(admin.ModelAdmin[ContactPoint]):
    """Contact points of the official's own organisations only (they show on service pages)."""

    list_display = ("identifier", "organisation")
    search_fields = ("identifier",)
    formfield_overrides = _HTTPS

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContactPoint]:
        rows: QuerySet[ContactPoint] = super().get_queryset(request)
        allowed = organisations_of(request)
        return rows if allowed is None else rows.filter(organisation__identifier__in=allowed)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        allowed = organisations_of(request)
        if db_field.name == "organisation" and allowed is not None:
            kwargs["queryset"] = Organisation.objects.filter(identifier__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    """Events group the services of every organisation: officials read them, a superuser edits."""

    list_display = ("identifier", "kind", "position")
    search_fields = ("identifier",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    form = ServiceForm
    list_display = ("__str__", "identifier", "mode", "complete", "updated")
    list_filter = ("complete", "mode", "events")
    readonly_fields = ("missing_sdg_items",)
    search_fields = ("identifier", "name")
    filter_horizontal = ("authorities", "events", "contact_points", "legal_resources")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Service]:
        rows: QuerySet[Service] = super().get_queryset(request)
        allowed = organisations_of(request)
        if allowed is None:
            return rows
        return rows.filter(authorities__identifier__in=allowed).distinct()

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Service]]:
        form: type[ServiceForm] = super().get_form(request, obj, change=change, **kwargs)
        # the form checks that an official keeps one of their organisations competent
        return type(
            "OfficialServiceForm", (form,), {"allowed_organisations": organisations_of(request)}
        )

    def save_model(self, request: HttpRequest, obj: Service, form: Any, change: bool) -> None:
        # history is written once in `save_related`, after the relations are saved too
        obj.skip_history_when_saving = True  # type: ignore[attr-defined]
        obj._history_created = obj.pk is None  # type: ignore[attr-defined]
        # the form refuses a service without every SDG item, so a saved one is complete
        obj.complete, obj.missing_sdg_items = True, []
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        _record(form.instance, request)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        response: HttpResponse = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        if request.method == "POST" and response.status_code == 302:
            # simple-history saves the reverted version without `save_related`
            _record(Service.objects.get(pk=object_id), request, reason=f"revert to {version_id}")
        return response


def _record(row: Service, request: HttpRequest, reason: str = ADMIN_REASON) -> None:
    if hasattr(row, "skip_history_when_saving"):
        del row.skip_history_when_saving
    created = bool(getattr(row, "_history_created", False))
    user = request.user if request.user.is_authenticated else None
    store.record_version(row, created=created, reason=reason, user=user)


for model, fields in (
    (LegalResource, ("identifier", "local_id", "uri")),
    (EvidenceType, ("identifier",)),
    (Redress, ("identifier",)),
):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (admin.ModelAdmin,),
            {
                "list_display": fields,
                "search_fields": ("identifier",),
                "formfield_overrides": _HTTPS,
            },
        ),
    )
