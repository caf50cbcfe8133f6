# SPDX-License-Identifier: EUPL-1.2
"""Officials see routing data and refused access attempts, never message content."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from lifegate.messagebox.models import AccessAttempt, Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    list_display = ("id", "organisation", "folder", "is_read", "created_at", "retention_until")
    list_filter = ("organisation", "folder", "is_read")
    fields = (
        "id",
        "organisation",
        "folder",
        "is_read",
        "created_at",
        "read_at",
        "recalled_at",
        "legal_basis",
        "retention_until",
        "reference",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AccessAttempt)
class AccessAttemptAdmin(admin.ModelAdmin[AccessAttempt]):
    list_display = ("at", "channel", "actor", "message_id")
    list_filter = ("channel",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
