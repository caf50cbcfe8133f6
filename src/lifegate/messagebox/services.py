# SPDX-License-Identifier: EUPL-1.2
"""The message box's door. Other blocks and the HTTP layer call only these functions.

Agencies: `send_message`, `send_batch`, `message_status`, `recall`, `list_replies`.
Parties (citizens, companies, their representatives): `list_messages`, `open_message`
(sends the read receipt), `read_attachment`, `reply`, `take_action`, `archive`,
`export_zip`, `get_preferences`, `set_preferences`.
Background: `notify_new`, `remind_unread`, `shred_expired`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lifegate.messagebox import parties
from lifegate.messagebox.agency import (
    MessageStatus,
    Reply,
    list_replies,
    message_status,
    recall,
)
from lifegate.messagebox.batches import MAX_BATCH, ItemResult, send_batch
from lifegate.messagebox.drafts import (
    ACTION_TYPES,
    Action,
    AttachmentDraft,
    MessageDraft,
    Recipient,
    Text,
)
from lifegate.messagebox.export import export_zip
from lifegate.messagebox.housekeeping import notify_new, remind_unread, shred_expired
from lifegate.messagebox.inbox import (
    InboxPage,
    MessageNotFoundError,
    MessageView,
    Summary,
    Viewer,
    list_messages,
    mark_read,
    open_message,
    read_attachment,
)
from lifegate.messagebox.models import Preference
from lifegate.messagebox.responses import archive, reply, take_action
from lifegate.messagebox.sending import Keyed, Sent, key_reused, send_message

__all__ = [
    "ACTION_TYPES",
    "MAX_BATCH",
    "Action",
    "AttachmentDraft",
    "InboxPage",
    "ItemResult",
    "Keyed",
    "MessageDraft",
    "MessageNotFoundError",
    "MessageStatus",
    "MessageView",
    "Preferences",
    "Recipient",
    "Reply",
    "Sent",
    "Summary",
    "Text",
    "Viewer",
    "archive",
    "export_zip",
    "get_preferences",
    "key_reused",
    "list_messages",
    "list_replies",
    "mark_read",
    "message_status",
    "notify_new",
    "open_message",
    "party_of_company",
    "party_of_person",
    "read_attachment",
    "recall",
    "recipient_of_person",
    "remind_unread",
    "reply",
    "send_batch",
    "send_message",
    "set_preferences",
    "shred_expired",
    "take_action",
]

party_of_person = parties.person
party_of_company = parties.company
recipient_of_person = parties.recipient_of_person


@dataclass(frozen=True)
class Preferences:
    email: str
    language: str
    notify_by_email: bool
    reminder_days: int
    phone: str = ""
    notify_by_sms: bool = False


def get_preferences(party: str) -> Preferences:
    row = Preference.objects.filter(party=party).first()
    if row is None:
        return Preferences("", "nl", True, 7)
    return Preferences(
        row.email,
        row.language,
        row.notify_by_email,
        row.reminder_days,
        row.phone,
        row.notify_by_sms,
    )


def set_preferences(party: str, preferences: Preferences) -> None:
    Preference.objects.update_or_create(
        party=party,
        defaults={
            "email": preferences.email,
            "language": preferences.language if preferences.language in {"nl", "en"} else "nl",
            "notify_by_email": preferences.notify_by_email,
            "reminder_days": max(0, min(preferences.reminder_days, 60)),
            "phone": preferences.phone,
            "notify_by_sms": preferences.notify_by_sms and bool(preferences.phone),
        },
    )
