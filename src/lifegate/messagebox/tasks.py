# SPDX-License-Identifier: EUPL-1.2
"""Background job of the message box: notify, remind, shred; it schedules its next run."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from lifegate.messagebox import channels, housekeeping
from lifegate.messagebox.models import Message
from lifegate.messagebox.sending import HOUSEKEEPING

# Reminders and retention need a look now and then even when no message arrives.
_IDLE = dt.timedelta(hours=1)
_SOON = dt.timedelta(seconds=5)


@task()
def housekeep() -> dict[str, int]:
    """Send due notifications and reminders, shred expired messages, plan the next run."""
    registry = channels.default_channels()
    notified = housekeeping.notify_new(registry)
    reminded = housekeeping.remind_unread(registry)
    shredded = housekeeping.shred_expired()
    now = timezone.now()
    waiting = Message.objects.filter(notified_at__isnull=True).exists()
    HOUSEKEEPING.ensure(now + (_SOON if waiting or notified.postponed else _IDLE))
    return {
        "notified": notified.sent,
        "refused": notified.refused,
        "reminded": reminded.sent,
        "shredded": shredded,
    }
