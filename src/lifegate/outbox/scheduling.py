# SPDX-License-Identifier: EUPL-1.2
"""When a background job runs: self-rescheduling tasks, woken by new work.

Django's Tasks API has no periodic jobs, and a worker killed mid-task leaves its task
"running" for ever, so no work may depend on one particular task surviving:

- `Waker.wake()` (called when work is added) makes sure a task is queued, unless this
  process already checked within the last second (one cheap query a second, not per item);
- the outbox pump, when it leases events, makes sure a pump is queued for when the lease
  ends (same transaction), so a crash after the claim heals by itself;
- a job that did something queues one more for a little later, which sweeps up work
  committed while it ran.

`Waker` is generic: the message box uses one for its notifications and retention.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.utils.module_loading import import_string
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


class Waker:
    """Keeps a task (named by its dotted path, taking no arguments) queued when needed."""

    def __init__(self, task_path: str, interval: float = 1.0) -> None:
        self.task_path = task_path
        self.interval = interval
        self._last_check = float("-inf")

    def _task(self) -> Task[[], object]:
        found: Task[[], object] = import_string(self.task_path)
        return found

    def ensure(self, at: dt.datetime) -> None:
        """Queue the task to run at `at` unless one is already queued to run by then."""
        queued = DBTaskResult.objects.filter(
            status="READY", task_path=self.task_path, run_after__lte=at
        ).exists()
        if not queued:
            self._task().using(run_after=at).enqueue()

    def wake(self, now: dt.datetime, clock: Callable[[], float] = time.monotonic) -> None:
        """Call whenever work is added; checks the queue at most once per `interval`."""
        moment = clock()
        if moment - self._last_check < self.interval:
            return
        self.ensure(now)
        self._last_check = moment

    def forget(self) -> None:
        """Make the next `wake` check again (tests)."""
        self._last_check = float("-inf")


PUMP = Waker("lifegate.outbox.tasks.pump")


def ensure_pump(at: dt.datetime) -> None:
    PUMP.ensure(at)


def wake(now: dt.datetime) -> None:
    PUMP.wake(now)
