# SPDX-License-Identifier: EUPL-1.2
"""Background job of the outbox: deliver due events (see `scheduling` for when it runs)."""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone
from django_tasks import task

from lifegate.outbox import delivery, scheduling
from lifegate.outbox.models import Event, EventState
from lifegate.outbox.transport import HttpxTransport

# A pump returns after this long so one long backlog does not starve other jobs.
_BUDGET_SECONDS = 20.0
# After delivering, look again this much later for events committed meanwhile.
_SWEEP_AFTER_SECONDS = 5


def _next_due() -> dt.datetime | None:
    earliest = (
        Event.objects.filter(state=EventState.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return earliest


@task()
def pump() -> int:
    """Deliver due events until none is due or the budget is spent; returns how many."""
    transport = HttpxTransport()
    deadline = time.monotonic() + _BUDGET_SECONDS
    handled = 0
    try:
        while time.monotonic() < deadline:
            report = delivery.deliver_due(transport)
            handled += report.claimed
            if report.claimed == 0:
                break
    finally:
        transport.close()
    now = timezone.now()
    due = _next_due()
    if handled:
        sweep = now + dt.timedelta(seconds=_SWEEP_AFTER_SECONDS)
        due = sweep if due is None else min(due, sweep)
    if due is not None:
        scheduling.ensure_pump(max(due, now))
    return handled
