# SPDX-License-Identifier: EUPL-1.2
"""Officials inspect the outbox and replay dead letters here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from lifegate.outbox import services
from lifegate.outbox.models import Event, Subscription


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = ("sequence", "type", "organisation", "state", "attempts", "time", "last_error")
    list_filter = ("state", "organisation", "type")
    search_fields = ("id", "subject")
    readonly_fields = [f.name for f in Event._meta.fields]
    actions = ["replay_dead_letters"]

    @admin.action(description="Replay the selected dead letters")
    def replay_dead_letters(self, request: HttpRequest, queryset: QuerySet[Event]) -> None:
        ids = [str(event_id) for event_id in queryset.values_list("id", flat=True)]
        count = services.replay(ids)
        self.message_user(request, f"{count} dead letter(s) queued for delivery.", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    list_display = ("organisation", "url", "active", "created_at")
    list_filter = ("active", "organisation")
    exclude = ("secret",)
