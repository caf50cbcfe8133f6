# SPDX-License-Identifier: EUPL-1.2
"""The resilience block's door: the officials' audit trail (fail closed), limits, drills.

    from lifegate.resilience import services as audit
    audit.record_request_action(request, "case.decide", ("case", case_id))

The record is written to this block's table and appended to the ledger in the caller's
transaction: when either fails, `AuditUnavailableError` is raised and the caller's change
is rolled back — an action that cannot be audited does not happen.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone

from lifegate.config.secrets import load_or_create_secret
from lifegate.ledger import services as ledger
from lifegate.ledger.errors import LedgerError
from lifegate.resilience import models as tables
from lifegate.resilience.records import ActionRecord, entry_bytes, make_record

KEY_NAME = "audit-pseudonym-key"
# The address of the request being served (set by `middleware.RateLimitMiddleware`), so
# records made far from the request (the admin's log signal) still name their origin.
current_origin: ContextVar[str] = ContextVar("current_origin", default="")
_keys: dict[Path, bytes] = {}


class AuditUnavailableError(Exception):
    """The audit record could not be written; the action was refused (fail closed)."""


def _key() -> bytes:
    home = Path(settings.HOME)
    if home not in _keys:
        _keys[home] = load_or_create_secret(home, KEY_NAME).encode()
    return _keys[home]


def record_official_action(
    *,
    actor: tuple[str, str],
    action: str,
    target: tuple[str, str],
    result: str = "success",
    origin: str = "",
    reason: str = "",
) -> ActionRecord:
    """Record an official's action; `actor`/`target` are `(kind, id)`, pseudonymised here.
    A refused or failed action (`result`) names its `reason` as a code ('forbidden').

    Runs in the caller's transaction; raises `AuditUnavailableError` (and so rolls the
    caller back) when the record or its ledger entry cannot be written."""
    record = make_record(
        _key(),
        actor=actor,
        action=action,
        target=target,
        result=result,
        origin=origin or current_origin.get(),
        at=timezone.now(),
        reason=reason,
    )
    try:
        with transaction.atomic():
            appended = ledger.append([entry_bytes(record)])
            tables.OfficialAction.objects.create(
                ledger_index=appended.first_index, **record.__dict__
            )
    except (DatabaseError, LedgerError, OSError) as error:
        raise AuditUnavailableError(f"audit trail unavailable: {type(error).__name__}") from error
    return record


def origin_of(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def record_request_action(
    request: HttpRequest, action: str, target: tuple[str, str], result: str = "success"
) -> ActionRecord:
    """`record_official_action` for the signed-in user of a request."""
    user_id = str(getattr(request.user, "pk", "") or "anonymous")
    return record_official_action(
        actor=("user", user_id),
        action=action,
        target=target,
        result=result,
        origin=origin_of(request),
    )


@dataclass(frozen=True)
class TrailCheck:
    records: int
    intact: int
    problems: list[str]


def check_trail() -> TrailCheck:
    """Every audit record against its ledger entry and the latest signed checkpoint."""
    head = ledger.ensure_checkpoint()
    problems: list[str] = []
    rows = list(tables.OfficialAction.objects.all())
    intact = 0
    for row in rows:
        data = entry_bytes(_record_of(row))
        proof = None if head is None else ledger.prove_entry(row.ledger_index, data, head)
        if proof is not None and proof.intact:
            intact += 1
        else:
            problems.append(f"audit record at ledger index {row.ledger_index} does not match")
    return TrailCheck(len(rows), intact, problems)


def _record_of(row: tables.OfficialAction) -> ActionRecord:
    return ActionRecord(
        row.actor, row.action, row.object, row.result, row.origin, row.at, row.reason
    )


def recent_actions(limit: int = 50) -> list[ActionRecord]:
    rows = tables.OfficialAction.objects.order_by("-ledger_index")[:limit]
    return [_record_of(row) for row in rows]


def requeue_abandoned_jobs() -> int:
    """Jobs of this host's killed workers back in the queue (`lifegate worker` calls it)."""
    from lifegate.resilience import tasks  # noqa: PLC0415 - keeps the task registry lazy

    return tasks.requeue_abandoned_jobs()


def worker_id() -> str:
    from lifegate.resilience import tasks  # noqa: PLC0415

    return tasks.worker_id()
