# SPDX-License-Identifier: EUPL-1.2
"""Bulk send: up to 1,000 messages in one request, each with its own key and result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from lifegate.config import env
from lifegate.core.problems import ProblemError
from lifegate.messagebox import parties, sealing
from lifegate.messagebox.drafts import unknown_recipient
from lifegate.messagebox.models import Message
from lifegate.messagebox.sending import (
    Keyed,
    Sent,
    as_sent,
    check_draft,
    key_reused,
    message_rows,
    send_message,
    store,
)

MAX_BATCH = 1000


@dataclass(frozen=True)
class ItemResult:
    """`sent` when accepted (now or by an earlier request), else `problem` (problem+json)."""

    index: int
    sent: Sent | None = None
    problem: dict[str, Any] | None = None

    @property
    def status(self) -> int:
        if self.sent is None:
            return int((self.problem or {}).get("status", 400))
        return 201 if self.sent.created else 200


@dataclass
class _Plan:
    results: dict[int, ItemResult] = field(default_factory=dict)
    firsts: list[int] = field(default_factory=list)  # to store
    repeats: dict[int, int] = field(default_factory=dict)  # same key again in this batch


def _earlier_by_key(organisation: str, items: list[Keyed]) -> dict[str, Message]:
    keys = [item.idempotency_key for item in items]
    rows = Message.objects.filter(organisation=organisation)
    if connection.vendor == "postgresql":  # one array parameter instead of 1,000
        rows = rows.filter(RawSQL("idempotency_key = ANY(%s)", (keys,), BooleanField()))
    else:
        rows = rows.filter(idempotency_key__in=keys)
    return {row.idempotency_key: row for row in rows}


def _plan(organisation: str, items: list[Keyed]) -> _Plan:
    """Answer retries and bad input now; list the items still to store."""
    earlier = _earlier_by_key(organisation, items)
    plan = _Plan()
    first_with_key: dict[str, int] = {}
    limit = env.MESSAGEBOX_MAX_ATTACHMENT_BYTES.read()
    for index, item in enumerate(items):
        key = item.idempotency_key
        try:
            if key in earlier:
                plan.results[index] = ItemResult(index, as_sent(earlier[key], item.request_hash))
            elif key in first_with_key:
                if items[first_with_key[key]].request_hash != item.request_hash:
                    raise key_reused()
                plan.repeats[index] = first_with_key[key]
            else:
                check_draft(item.draft, limit)
                first_with_key[key] = index
                plan.firsts.append(index)
        except ProblemError as error:
            plan.results[index] = ItemResult(index, problem=error.problem.as_dict())
    return plan


def _store_firsts(organisation: str, items: list[Keyed], plan: _Plan) -> None:
    found = parties.resolve_many([items[i].draft.recipient for i in plan.firsts])
    now = timezone.now()
    known = []
    for index in plan.firsts:
        if found.get(items[index].draft.recipient) is None:
            problem = unknown_recipient(items[index].draft.recipient).problem.as_dict()
            plan.results[index] = ItemResult(index, problem=problem)
        else:
            known.append(index)
    data_keys = sealing.new_data_keys(len(known))
    rows = [
        message_rows(organisation, items[i], found[items[i].draft.recipient], now, key)
        for i, key in zip(known, data_keys, strict=True)
    ]
    try:
        store(rows, now)
    except IntegrityError:  # a concurrent request used some of these keys: go one by one
        for index in known:
            plan.results[index] = _one(organisation, items[index], index)
        return
    for index, row in zip(known, rows, strict=True):
        plan.results[index] = ItemResult(index, Sent(row.message_id, True, now))


def _one(organisation: str, item: Keyed, index: int) -> ItemResult:
    try:
        return ItemResult(index, send_message(organisation, item))
    except ProblemError as error:
        return ItemResult(index, problem=error.problem.as_dict())


def send_batch(organisation: str, items: list[Keyed]) -> list[ItemResult]:
    """Accept every sound item; a bad item gets its own problem and stores nothing."""
    plan = _plan(organisation, items)
    _store_firsts(organisation, items, plan)
    for index, first in plan.repeats.items():
        answer = plan.results[first]
        sent = (
            None
            if answer.sent is None
            else Sent(answer.sent.message_id, False, answer.sent.created_at)
        )
        plan.results[index] = ItemResult(index, sent, answer.problem)
    return [plan.results[index] for index in range(len(items))]
