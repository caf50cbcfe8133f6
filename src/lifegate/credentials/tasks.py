# SPDX-License-Identifier: EUPL-1.2
"""Background job of the credentials block: housekeeping; it plans its own next run."""

from __future__ import annotations

import dataclasses

from django.utils import timezone
from django_tasks import task

from lifegate.credentials import housekeeping


@task()
def housekeep() -> dict[str, int]:
    """Delete what issuing and verifying left behind that is past its use."""
    now = timezone.now()
    swept = housekeeping.sweep(now)
    if housekeeping.anything_left():
        housekeeping.HOUSEKEEPING.ensure(now + housekeeping.NEXT_SWEEP)
    return dataclasses.asdict(swept)
