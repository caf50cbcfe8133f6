# SPDX-License-Identifier: EUPL-1.2
"""Background jobs: the expiry-notice sweep (django-tasks, database backend)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from lifegate.identity import notices


@task()
def announce_expiring_mandates() -> int:
    """Find active mandates ending within LIFEGATE_MANDATE_NOTICE_DAYS and record notices."""
    return notices.announce_expiring()


def schedule_notice(valid_until: dt.date) -> None:
    """Enqueue a sweep for the day a mandate enters its notice period (or now, if it has)."""
    notice_day = valid_until - dt.timedelta(days=settings.MANDATE_NOTICE_DAYS)
    start = dt.datetime.combine(notice_day, dt.time(6), tzinfo=timezone.get_current_timezone())
    if start <= timezone.now():
        announce_expiring_mandates.enqueue()
    else:
        announce_expiring_mandates.using(run_after=start).enqueue()
