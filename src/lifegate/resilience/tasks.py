# SPDX-License-Identifier: EUPL-1.2
"""The drill's background job, and bringing back jobs of workers that were killed."""

from __future__ import annotations

import os
import socket
import time

from django.db import transaction
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lifegate.resilience import models as tables

_PREFIX = "lifegate"


def worker_id() -> str:
    """This worker's id: host and process, so a restarted worker can tell who died."""
    return f"{_PREFIX}:{socket.gethostname()[:40]}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _abandoned(worker_ids: list[str]) -> bool:
    """Claimed last by a worker of this host whose process is gone."""
    if not worker_ids:
        return False
    parts = str(worker_ids[-1]).split(":")
    here = socket.gethostname()[:40]
    if len(parts) != 3 or parts[0] != _PREFIX or parts[1] != here or not parts[2].isdigit():
        return False
    return not _alive(int(parts[2]))


def requeue_abandoned_jobs() -> int:
    """Put jobs back in the queue whose worker on this host was killed mid-job.

    A job runs in its own transaction, so a killed job left nothing behind; run again it
    takes effect once."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    ids = [row.id for row in running if _abandoned(list(row.worker_ids))]
    return DBTaskResult.objects.filter(id__in=ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )


@task()
def drill_job(marker: str, seconds: float) -> None:
    """Write one mark, slowly, in one transaction (the worker drill kills it mid-way)."""
    with transaction.atomic():
        tables.DrillMark.objects.create(marker=marker)
        time.sleep(seconds)
