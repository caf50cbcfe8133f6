# SPDX-License-Identifier: EUPL-1.2
"""A party's view of their box: list, open (which sends the read receipt), attachments."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import NoReturn

import structlog
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from lifegate.catalog import services as catalog
from lifegate.messagebox import events, sealing
from lifegate.messagebox.drafts import Action
from lifegate.messagebox.models import AccessAttempt, Attachment, Folder, Message

logger = structlog.get_logger(__name__)
PAGE_SIZE = 25
# Matches no row: a malformed id is answered like an unknown one.
_NO_SUCH_ID = "00000000-0000-0000-0000-000000000000"


class MessageNotFoundError(Exception):
    """No such message in this box (whether or not it exists elsewhere)."""


@dataclass(frozen=True)
class Viewer:
    """Whose box (`party`) and who is looking (`actor`, differs under a mandate)."""

    party: str
    actor: str


@dataclass(frozen=True)
class Summary:
    id: str
    organisation: str
    organisation_name: str
    subject: str
    created_at: dt.datetime
    is_read: bool
    attachment_count: int
    folder: str


@dataclass(frozen=True)
class InboxPage:
    items: tuple[Summary, ...]
    total: int
    unread: int
    page: int
    pages: int
    organisations: tuple[tuple[str, str], ...]


def _filtered(party: str, folder: str, query: str, organisation: str) -> QuerySet[Message]:
    rows = Message.objects.filter(party=party, folder=folder)
    if organisation:
        rows = rows.filter(organisation=organisation)
    for token in sealing.search_query_tokens(query):
        rows = rows.filter(search_tokens__contains=token)
    return rows


def list_messages(
    party: str,
    *,
    language: str,
    folder: str = Folder.INBOX,
    query: str = "",
    organisation: str = "",
    page: int = 1,
) -> InboxPage:
    """One page of a folder, unread first, newest first; never marks anything read."""
    if folder not in {Folder.INBOX, Folder.ARCHIVE, Folder.SENT}:
        folder = Folder.INBOX
    rows = _filtered(party, folder, query, organisation)
    total = rows.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    start = (page - 1) * PAGE_SIZE
    chosen = rows.order_by("is_read", "-created_at").defer("search_tokens")[
        start : start + PAGE_SIZE
    ]
    names = catalog.organisation_names(language)
    items = tuple(_summary(row, language, names) for row in chosen)
    unread = Message.objects.filter(party=party, folder=Folder.INBOX, is_read=False).count()
    present = Message.objects.filter(party=party).values_list("organisation", flat=True).distinct()
    organisations = tuple(sorted((o, names.get(o, o)) for o in set(present)))
    return InboxPage(items, total, unread, page, pages, organisations)


def _summary(row: Message, language: str, names: dict[str, str]) -> Summary:
    content = sealing.open_content(str(row.id), row.kek_id, row.wrapped_key, row.ciphertext)
    return Summary(
        str(row.id),
        row.organisation,
        names.get(row.organisation, row.organisation),
        content.text(language).subject,
        row.created_at,
        row.is_read,
        row.attachment_count,
        row.folder,
    )


def own_message(viewer: Viewer, message_id: str, channel: str = "portal") -> Message:
    """The viewer's message, or `MessageNotFoundError` with the attempt logged."""
    row = (
        Message.objects.filter(id=_uuid_or_none(message_id), party=viewer.party)
        .exclude(folder=Folder.RECALLED)
        .first()
    )
    if row is None:
        refuse(channel, viewer.actor, message_id)
    return row


def refuse(channel: str, actor: str, message_id: str) -> NoReturn:
    """Log a look at a message that is not the caller's, then raise not-found."""
    AccessAttempt.objects.create(channel=channel, actor=actor[:80], message_id=message_id[:64])
    logger.warning("messagebox.refused_access", channel=channel)
    raise MessageNotFoundError(message_id)


def _uuid_or_none(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return _NO_SUCH_ID


@dataclass(frozen=True)
class ThreadEntry:
    id: str
    from_party: bool
    subject: str
    body: str
    created_at: dt.datetime


@dataclass(frozen=True)
class MessageView:
    id: str
    organisation: str
    organisation_name: str
    subject: str
    body: str
    language: str
    languages: tuple[str, ...]
    created_at: dt.datetime
    read_at: dt.datetime | None
    folder: str
    legal_basis: str
    retention_until: dt.date
    actions: tuple[Action, ...]
    action_taken: str
    attachments: tuple[sealing.AttachmentInfo, ...]
    thread: tuple[ThreadEntry, ...]


def mark_read(viewer: Viewer, row: Message) -> bool:
    """Record the first opening and publish the read receipt; False when already read."""
    if row.is_read or row.from_party:
        return False
    now = timezone.now()
    with transaction.atomic():
        updated = (
            Message.objects.filter(id=row.id, is_read=False)
            .exclude(folder=Folder.RECALLED)
            .update(is_read=True, read_at=now, read_by=viewer.actor[:80])
        )
        if updated:
            events.publish(events.READ, row.organisation, str(row.id), row.reference, now)
    row.is_read, row.read_at = True, now
    return bool(updated)


def open_message(viewer: Viewer, message_id: str, language: str) -> MessageView:
    """The message in `language` where it exists; opening it sends the read receipt."""
    row = own_message(viewer, message_id)
    mark_read(viewer, row)
    content = sealing.open_content(str(row.id), row.kek_id, row.wrapped_key, row.ciphertext)
    text = content.text(language)
    names = catalog.organisation_names(language)
    return MessageView(
        str(row.id),
        row.organisation,
        names.get(row.organisation, row.organisation),
        text.subject,
        text.body,
        text.language,
        tuple(row.languages.split(",")),
        row.created_at,
        row.read_at,
        row.folder,
        row.legal_basis,
        row.retention_until,
        content.actions,
        row.action_taken,
        _attachments(row, content),
        _thread(row, language),
    )


def _attachments(row: Message, content: sealing.Content) -> tuple[sealing.AttachmentInfo, ...]:
    rows = Attachment.objects.filter(message=row).only("id", "position", "content_type", "size")
    return tuple(
        sealing.AttachmentInfo(
            str(a.id), content.attachment_names[a.position], a.content_type, a.size
        )
        for a in rows
    )


def _thread(row: Message, language: str) -> tuple[ThreadEntry, ...]:
    others = Message.objects.filter(thread_id=row.thread_id, party=row.party).exclude(
        Q(id=row.id) | Q(folder=Folder.RECALLED)
    )
    entries = []
    for other in others.order_by("created_at"):
        content = sealing.open_content(
            str(other.id), other.kek_id, other.wrapped_key, other.ciphertext
        )
        text = content.text(language)
        entries.append(
            ThreadEntry(str(other.id), other.from_party, text.subject, text.body, other.created_at)
        )
    return tuple(entries)


def read_attachment(viewer: Viewer, message_id: str, attachment_id: str) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of an attachment of the viewer's message."""
    row = own_message(viewer, message_id)
    attachment = Attachment.objects.filter(message=row, id=_uuid_or_none(attachment_id)).first()
    if attachment is None:
        refuse("portal", viewer.actor, f"{message_id}/{attachment_id}")
    content = sealing.open_content(str(row.id), row.kek_id, row.wrapped_key, row.ciphertext)
    data = sealing.open_attachment(
        str(row.id), str(attachment.id), row.kek_id, row.wrapped_key, attachment.ciphertext
    )
    return content.attachment_names[attachment.position], attachment.content_type, data
