# SPDX-License-Identifier: EUPL-1.2
"""An agency's view of the messages it sent: status, replies, recall."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from lifegate.core.problems import Problem, ProblemError
from lifegate.messagebox import events, sealing
from lifegate.messagebox.inbox import refuse
from lifegate.messagebox.models import Folder, Message


@dataclass(frozen=True)
class MessageStatus:
    id: str
    reference: str
    status: str  # delivered, read, recalled
    created_at: dt.datetime
    read_at: dt.datetime | None
    recalled_at: dt.datetime | None
    replied_at: dt.datetime | None
    action_taken: str


@dataclass(frozen=True)
class Reply:
    id: str
    language: str
    body: str
    created_at: dt.datetime


# What a status needs: not the sealed content, which is most of a row's bytes.
_STATUS_FIELDS = (
    "id",
    "reference",
    "folder",
    "is_read",
    "created_at",
    "read_at",
    "recalled_at",
    "replied_at",
    "action_taken",
)


def _sent(organisation: str, message_id: str, *fields: str) -> Message:
    """The agency's own message (only `fields`, when given), or not-found with the attempt
    logged."""
    from lifegate.messagebox.inbox import _uuid_or_none  # noqa: PLC0415

    rows = Message.objects.filter(
        id=_uuid_or_none(message_id), organisation=organisation, from_party=False
    )
    row = (rows.only(*fields) if fields else rows).first()
    if row is None:
        refuse("api", f"organisation:{organisation}", message_id)
    return row


def _status(row: Message) -> MessageStatus:
    state = "recalled" if row.folder == Folder.RECALLED else "read" if row.is_read else "delivered"
    return MessageStatus(
        str(row.id),
        row.reference,
        state,
        row.created_at,
        row.read_at,
        row.recalled_at,
        row.replied_at,
        row.action_taken,
    )


def message_status(organisation: str, message_id: str) -> MessageStatus:
    return _status(_sent(organisation, message_id, *_STATUS_FIELDS))


def recall(organisation: str, message_id: str) -> MessageStatus:
    """Withdraw a message nobody has opened yet; a read message cannot be recalled (409)."""
    row = _sent(organisation, message_id)
    if row.folder == Folder.RECALLED:
        return _status(row)
    now = timezone.now()
    with transaction.atomic():
        updated = (
            Message.objects.filter(id=row.id, is_read=False)
            .exclude(folder=Folder.RECALLED)
            .update(folder=Folder.RECALLED, recalled_at=now)
        )
        if updated:
            events.publish(events.RECALLED, organisation, str(row.id), row.reference, now)
    if not updated:
        raise ProblemError(
            Problem("conflict", "The message was already opened; send a correction instead.")
        )
    row.refresh_from_db()
    return _status(row)


def list_replies(organisation: str, message_id: str) -> list[Reply]:
    row = _sent(organisation, message_id)
    replies = Message.objects.filter(in_reply_to=row.id, from_party=True).order_by("created_at")
    result = []
    for item in replies:
        text = sealing.open_content(
            str(item.id), item.kek_id, item.wrapped_key, item.ciphertext
        ).texts[0]
        result.append(Reply(str(item.id), text.language, text.body, item.created_at))
    return result
