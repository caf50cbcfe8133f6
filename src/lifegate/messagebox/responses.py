# SPDX-License-Identifier: EUPL-1.2
"""What a party does with a message: reply, take its action, archive it."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from lifegate.core.problems import InvalidParam, Problem, ProblemError
from lifegate.messagebox import events, sealing
from lifegate.messagebox.drafts import Action, Text
from lifegate.messagebox.inbox import Viewer, own_message
from lifegate.messagebox.models import Folder, Message

MAX_REPLY = 10_000


def reply(viewer: Viewer, message_id: str, body: str, language: str) -> str:
    """Store the party's reply in the thread and tell the agency; returns the reply's id."""
    original = own_message(viewer, message_id)
    if original.from_party:
        raise ProblemError(Problem("conflict", "You cannot reply to your own reply."))
    text = body.strip()
    if not text or len(text) > MAX_REPLY:
        param = InvalidParam("body", f"write between 1 and {MAX_REPLY} characters")
        raise ProblemError(Problem("invalid-input", "Write your reply.", invalid_params=(param,)))
    subject = (
        sealing.open_content(
            str(original.id), original.kek_id, original.wrapped_key, original.ciphertext
        )
        .text(language)
        .subject
    )
    content = sealing.Content((Text(language, f"Re: {subject}", text),), (), ())
    reply_id = str(uuid.uuid4())
    now = timezone.now()
    with transaction.atomic():
        _store_reply(viewer, original, reply_id, content, now)
        Message.objects.filter(id=original.id).update(replied_at=now)
        events.publish(
            events.REPLIED,
            original.organisation,
            str(original.id),
            original.reference,
            now,
            replyId=reply_id,
        )
    return reply_id


def _store_reply(
    viewer: Viewer, original: Message, reply_id: str, content: sealing.Content, now: dt.datetime
) -> None:
    sealed = sealing.seal_message(reply_id, content, [], [])
    Message.objects.create(
        id=reply_id,
        thread_id=original.thread_id,
        in_reply_to=original.id,
        from_party=True,
        organisation=original.organisation,
        party=original.party,
        folder=Folder.SENT,
        is_read=True,
        kek_id=sealed.kek_id,
        wrapped_key=sealed.wrapped_key,
        ciphertext=sealed.ciphertext,
        languages=content.texts[0].language,
        search_tokens=sealing.search_tokens(content),
        legal_basis=original.legal_basis,
        retention_until=original.retention_until,
        created_at=now,
        read_by=viewer.actor[:80],
        reference=original.reference,
    )


def take_action(viewer: Viewer, message_id: str, index: int) -> Action:
    """Record that the party took the message's action `index` (once) and tell the agency."""
    row = own_message(viewer, message_id)
    actions = sealing.open_content(str(row.id), row.kek_id, row.wrapped_key, row.ciphertext).actions
    if not 0 <= index < len(actions):
        param = InvalidParam("action", "this message offers no such action")
        raise ProblemError(Problem("invalid-input", "No such action.", invalid_params=(param,)))
    action = actions[index]
    if action.type == "reply":
        return action  # taken by replying
    now = timezone.now()
    with transaction.atomic():
        updated = Message.objects.filter(id=row.id, action_taken="").update(
            action_taken=action.type, action_taken_at=now
        )
        if updated:
            events.publish(
                events.ACTION_TAKEN,
                row.organisation,
                str(row.id),
                row.reference,
                now,
                actionType=action.type,
                actionReference=action.reference,
            )
    return action


def archive(viewer: Viewer, message_id: str, *, archived: bool = True) -> None:
    row = own_message(viewer, message_id)
    if row.from_party:
        return
    if archived:
        Message.objects.filter(id=row.id).update(folder=Folder.ARCHIVE, archived_at=timezone.now())
    else:
        Message.objects.filter(id=row.id).update(folder=Folder.INBOX, archived_at=None)
