# SPDX-License-Identifier: EUPL-1.2
"""Accept messages from agencies: one by one or in bulk, idempotent, encrypted, with events."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from lifegate.config import env
from lifegate.core.problems import InvalidParam, Problem, ProblemError
from lifegate.messagebox import events, parties, scanning, sealing
from lifegate.messagebox.crypto import DataKey
from lifegate.messagebox.drafts import MessageDraft, validate
from lifegate.messagebox.models import Attachment, Message
from lifegate.outbox import services as outbox
from lifegate.outbox.scheduling import Waker

HOUSEKEEPING = Waker("lifegate.messagebox.tasks.housekeep")


@dataclass(frozen=True)
class Sent:
    """The outcome of one send: `created` is False when a retry found the earlier message."""

    message_id: str
    created: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Keyed:
    """One message of a request with its Idempotency-Key and the hash of its body."""

    idempotency_key: str
    request_hash: str
    draft: MessageDraft


def key_reused() -> ProblemError:
    detail = "This Idempotency-Key was used before for a different request; use a new key."
    return ProblemError(Problem("unprocessable", detail, extra={"code": "idempotency-key-reused"}))


def as_sent(row: Message, request_hash: str) -> Sent:
    if row.request_hash != request_hash:
        raise key_reused()
    return Sent(str(row.id), False, row.created_at)


def check_draft(draft: MessageDraft, max_attachment_bytes: int | None = None) -> None:
    limit = max_attachment_bytes or env.MESSAGEBOX_MAX_ATTACHMENT_BYTES.read()
    validate(draft, max_attachment_bytes=limit)
    if not draft.attachments:
        return
    scanner = scanning.scanner()
    for index, attachment in enumerate(draft.attachments):
        verdict = scanner.scan(attachment.content)
        if not verdict.clean:
            param = InvalidParam(
                f"attachments.{index}.content", "refused by the virus scan", "virus"
            )
            raise ProblemError(
                Problem(
                    "unprocessable",
                    "An attachment did not pass the virus scan.",
                    invalid_params=(param,),
                )
            )


Row = dict[str, Any]


@dataclass(frozen=True)
class Rows:
    """One message's table rows (field values by attribute name), ready to insert."""

    message: Row
    attachments: list[Row]

    @property
    def message_id(self) -> str:
        return str(self.message["id"])


def message_rows(
    organisation: str, keyed: Keyed, party: str, now: dt.datetime, key: DataKey | None = None
) -> Rows:
    draft = keyed.draft
    message_id = str(uuid.uuid4())
    attachment_ids = [str(uuid.uuid4()) for _ in draft.attachments]
    content = sealing.Content(
        draft.texts, draft.actions, tuple(a.filename for a in draft.attachments)
    )
    blobs = [a.content for a in draft.attachments]
    sealed = sealing.seal_message(message_id, content, attachment_ids, blobs, key)
    message = {
        "id": message_id,
        "thread_id": message_id,
        "organisation": organisation,
        "party": party,
        "idempotency_key": keyed.idempotency_key,
        "request_hash": keyed.request_hash,
        "reference": draft.reference,
        "kek_id": sealed.kek_id,
        "wrapped_key": sealed.wrapped_key,
        "ciphertext": sealed.ciphertext,
        "languages": ",".join(sorted(t.language for t in draft.texts)),
        "search_tokens": sealing.search_tokens(content),
        "legal_basis": draft.legal_basis,
        "retention_until": (now + dt.timedelta(days=draft.retention_days)).date(),
        "created_at": now,
        "attachment_count": len(draft.attachments),
    }
    return Rows(message, _attachment_rows(message_id, attachment_ids, draft, sealed))


def _attachment_rows(
    message_id: str, ids: list[str], draft: MessageDraft, sealed: sealing.SealedMessage
) -> list[Row]:
    return [
        {
            "id": aid,
            "message_id": message_id,
            "position": i,
            "content_type": a.content_type,
            "size": len(a.content),
            "ciphertext": blob,
        }
        for i, (aid, a, blob) in enumerate(
            zip(ids, draft.attachments, sealed.attachments, strict=True)
        )
    ]


def store(rows: Sequence[Rows], now: dt.datetime) -> None:
    """Insert messages, attachments and their delivered events: all or nothing."""
    drafts = [
        events.draft(
            events.DELIVERED,
            r.message["organisation"],
            r.message_id,
            r.message["reference"],
            now,
            idempotencyKey=r.message["idempotency_key"],
        )
        for r in rows
    ]
    messages = [r.message for r in rows]
    attachments = [a for r in rows for a in r.attachments]
    if attachments:
        with transaction.atomic():
            outbox.insert_rows(Message, messages)
            outbox.insert_rows(Attachment, attachments)
            outbox.append_many(drafts)
    else:
        outbox.publish_with(Message, messages, drafts)
    HOUSEKEEPING.wake(now)


def _earlier(organisation: str, key: str) -> Message | None:
    return Message.objects.filter(organisation=organisation, idempotency_key=key).first()


def _prepare(organisation: str, keyed: Keyed, now: dt.datetime) -> Rows | Sent:
    """The rows to store, or the earlier answer when bad input turns out to be a retry."""
    try:
        check_draft(keyed.draft)
        party = parties.resolve(keyed.draft.recipient)
    except ProblemError:
        earlier = _earlier(organisation, keyed.idempotency_key)
        if earlier is None:
            raise
        return as_sent(earlier, keyed.request_hash)
    return message_rows(organisation, keyed, party, now)


def send_message(organisation: str, keyed: Keyed) -> Sent:
    """Accept one message; a retry with the same key and body returns the same message.

    The insert itself finds a retry (the key is unique per organisation), so a first send
    costs no lookup; a bad draft is looked up first, so a reused key is named as such.
    """
    now = timezone.now()
    prepared = _prepare(organisation, keyed, now)
    if isinstance(prepared, Sent):
        return prepared
    try:
        store([prepared], now)
    except IntegrityError:  # sent before (a retry), or a concurrent retry was first
        earlier = _earlier(organisation, keyed.idempotency_key)
        if earlier is None:
            raise
        return as_sent(earlier, keyed.request_hash)
    return Sent(prepared.message_id, True, now)
