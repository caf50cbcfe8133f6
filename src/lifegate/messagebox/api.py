# SPDX-License-Identifier: EUPL-1.2
"""The agencies' HTTP door: /api/v1/messagebox/… (django-ninja, calls `services` only)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import Router, Status
from ninja.params.functions import Header, Query

from lifegate.core.problems import Problem, ProblemError
from lifegate.identity.auth import AgencyAuth, organisation_of
from lifegate.messagebox import services
from lifegate.messagebox.models import IdempotentRequest
from lifegate.messagebox.schemas import (
    BatchIn,
    BatchItemOut,
    BatchOut,
    EventsOut,
    MessageIn,
    MessageOut,
    MessageStatusOut,
    ReplyOut,
)
from lifegate.outbox import services as outbox

router = Router(tags=["messagebox"], auth=AgencyAuth())
KEY_HELP = "Unique per request; a retry with the same key and body gets the same answer."


def _not_found() -> ProblemError:
    return ProblemError(Problem("not-found", "There is no message with this id among yours."))


def _status(organisation: str, message_id: str) -> MessageStatusOut:
    try:
        status = services.message_status(organisation, message_id)
    except services.MessageNotFoundError as error:
        raise _not_found() from error
    return MessageStatusOut(**status.__dict__)


@router.post(
    "/messages",
    response={200: MessageOut, 201: MessageOut, 413: None, 422: None},
    summary="Send a message to a person or company",
    description="Idempotent: the same Idempotency-Key and body return the first answer (200); "
    "the same key with another body is refused (422).",
    operation_id="sendMessage",
    by_alias=True,
)
def send_message(
    request: HttpRequest,
    payload: MessageIn,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", description=KEY_HELP, max_length=200
    ),
) -> Status[Any]:
    organisation = organisation_of(request)
    keyed = services.Keyed(idempotency_key, payload.fingerprint(), payload.draft())
    sent = services.send_message(organisation, keyed)
    body = MessageOut(id=sent.message_id, status="delivered", created_at=sent.created_at)
    return Status(201 if sent.created else 200, body)


def _stored_answer(
    organisation: str, key: str, operation: str, request_hash: str
) -> BatchOut | None:
    earlier = IdempotentRequest.objects.filter(
        organisation=organisation, idempotency_key=key
    ).first()
    if earlier is None:
        return None
    if earlier.request_hash != request_hash or earlier.operation != operation:
        raise services.key_reused()
    return BatchOut.model_validate(earlier.response)


def _batch_out(results: list[services.ItemResult]) -> BatchOut:
    return BatchOut(
        accepted=sum(1 for r in results if r.sent is not None),
        refused=sum(1 for r in results if r.sent is None),
        results=[
            BatchItemOut(
                index=r.index,
                status=r.status,
                id=r.sent.message_id if r.sent else None,
                problem=r.problem,
            )
            for r in results
        ],
    )


@router.post(
    "/message-batches",
    response={200: BatchOut, 413: None, 422: None},
    summary="Send up to 1,000 messages in one request",
    description="Each message carries its own idempotencyKey and gets its own result; "
    "refused items store nothing and do not stop the others.",
    operation_id="sendMessageBatch",
    by_alias=True,
)
def send_batch(
    request: HttpRequest,
    payload: BatchIn,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", description=KEY_HELP, max_length=200
    ),
) -> BatchOut:
    organisation = organisation_of(request)
    request_hash = hashlib.sha256(request.body).hexdigest()
    stored = _stored_answer(organisation, idempotency_key, "batch", request_hash)
    if stored is not None:
        return stored
    items = [
        services.Keyed(m.idempotency_key, m.fingerprint(), m.draft()) for m in payload.messages
    ]
    out = _batch_out(services.send_batch(organisation, items))
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(
                organisation=organisation,
                idempotency_key=idempotency_key,
                operation="batch",
                request_hash=request_hash,
                status=200,
                response=out.model_dump(mode="json", by_alias=True),
            )
    except IntegrityError:  # a concurrent retry stored its answer first; both are equivalent
        pass
    return out


@router.get(
    "/messages/{message_id}",
    response=MessageStatusOut,
    summary="Status of a message you sent",
    operation_id="getMessageStatus",
    by_alias=True,
)
def get_message(request: HttpRequest, message_id: str) -> MessageStatusOut:
    return _status(organisation_of(request), message_id)


@router.post(
    "/messages/{message_id}/recall",
    response={200: MessageStatusOut, 409: None},
    summary="Recall a message that has not been opened",
    description="Removes the message from the recipient's box. Refused (409) once it was read.",
    operation_id="recallMessage",
    by_alias=True,
)
def recall_message(
    request: HttpRequest,
    message_id: str,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", description=KEY_HELP, max_length=200
    ),
) -> MessageStatusOut:
    organisation = organisation_of(request)
    try:
        status = services.recall(organisation, message_id)
    except services.MessageNotFoundError as error:
        raise _not_found() from error
    return MessageStatusOut(**status.__dict__)


@router.get(
    "/messages/{message_id}/replies",
    response=list[ReplyOut],
    summary="Replies of the recipient to a message you sent",
    operation_id="listMessageReplies",
    by_alias=True,
)
def list_replies(request: HttpRequest, message_id: str) -> list[ReplyOut]:
    try:
        replies = services.list_replies(organisation_of(request), message_id)
    except services.MessageNotFoundError as error:
        raise _not_found() from error
    return [ReplyOut(**reply.__dict__) for reply in replies]


@router.get(
    "/events",
    response=EventsOut,
    summary="Events about your messages (polling)",
    description="Delivered, read, replied, action taken, recalled and failed, as CloudEvents; "
    "the same events the webhook delivers. Pass the last `nextAfter` as `after`.",
    operation_id="listMessageEvents",
    by_alias=True,
)
def list_events(
    request: HttpRequest, after: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)
) -> EventsOut:
    organisation = organisation_of(request)
    found = outbox.list_events(
        organisation, after=after, limit=limit, type_prefix="nl.lifegate.messagebox."
    )
    next_after = int(found[-1]["sequence"]) if found else after
    return EventsOut(events=found, next_after=next_after)
