# SPDX-License-Identifier: EUPL-1.2
"""Every change officials make in the Django admin goes into the audit trail.

The admin writes a `LogEntry` inside the transaction of each add, change and delete; a
receiver of its `post_save` records the action there, so when the record cannot be written
the admin's change is rolled back (fail closed). Deleting several objects at once makes the
admin write its log entries in bulk (no signal), so the site's `delete_selected` action is
replaced by one that records each object first, in the same transaction.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.contrib.admin import actions as admin_actions
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.template.response import TemplateResponse

from lifegate.resilience import services

_VERBS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def _action_name(app_label: str, model: str, verb: str) -> str:
    return f"admin.{app_label}.{model}.{verb}".lower()


def on_log_entry(sender: type[LogEntry], instance: LogEntry, created: bool, **_: Any) -> None:
    if not created:
        return
    content_type = cast("ContentType | None", instance.content_type)
    app_label, model = (
        (content_type.app_label, content_type.model) if content_type else ("unknown", "unknown")
    )
    services.record_official_action(
        actor=("user", str(instance.user_id)),
        action=_action_name(app_label, model, _VERBS.get(instance.action_flag, "other")),
        target=(f"{app_label}.{model}", str(instance.object_id or "")),
    )


def delete_selected(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
) -> TemplateResponse | None:
    """Django's own bulk delete, with each deleted object recorded first."""
    if not request.POST.get("post"):
        return admin_actions.delete_selected(modeladmin, request, queryset)
    meta = queryset.model._meta
    pks = list(queryset.values_list("pk", flat=True))
    if len(pks) == 1:  # the admin logs a single object with a signal: `on_log_entry`
        return admin_actions.delete_selected(modeladmin, request, queryset)
    with transaction.atomic():
        for pk in pks:
            services.record_request_action(
                request,
                _action_name(meta.app_label, meta.model_name or "", "delete"),
                (f"{meta.app_label}.{meta.model_name}", str(pk)),
            )
        return admin_actions.delete_selected(modeladmin, request, queryset)


delete_selected.allowed_permissions = ("delete",)  # type: ignore[attr-defined]
delete_selected.short_description = admin_actions.delete_selected.short_description  # type: ignore[attr-defined]


def connect() -> None:
    post_save.connect(on_log_entry, sender=LogEntry, dispatch_uid="resilience-admin-audit")
    admin.site.add_action(delete_selected, "delete_selected")
