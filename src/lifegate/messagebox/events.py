# SPDX-License-Identifier: EUPL-1.2
"""The events agencies receive about their messages (CloudEvents `type` values)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from lifegate.outbox import services as outbox

PREFIX = "nl.lifegate.messagebox."
DELIVERED = PREFIX + "message-delivered"
READ = PREFIX + "message-read"
REPLIED = PREFIX + "message-replied"
ACTION_TAKEN = PREFIX + "message-action-taken"
RECALLED = PREFIX + "message-recalled"
FAILED = PREFIX + "message-failed"
ALL = (DELIVERED, READ, REPLIED, ACTION_TAKEN, RECALLED, FAILED)


def source() -> str:
    return f"{settings.PUBLIC_URL}/api/v1/messagebox"


def data(message_id: str, reference: str, at: dt.datetime, **extra: Any) -> dict[str, Any]:
    """Event data: ids and times only, never content."""
    return {"messageId": message_id, "reference": reference, "at": at.isoformat(), **extra}


def draft(
    event_type: str,
    organisation: str,
    message_id: str,
    reference: str,
    at: dt.datetime,
    **extra: Any,
) -> outbox.EventDraft:
    return outbox.EventDraft(
        event_type, message_id, data(message_id, reference, at, **extra), organisation, source()
    )


def publish(
    event_type: str,
    organisation: str,
    message_id: str,
    reference: str,
    at: dt.datetime,
    **extra: Any,
) -> None:
    """Publish in the caller's transaction."""
    outbox.publish_many([draft(event_type, organisation, message_id, reference, at, **extra)])
