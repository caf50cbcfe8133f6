# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/outbox/…: an agency's webhook subscription and its dead letters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.params.functions import Header
from pydantic import ConfigDict, HttpUrl
from pydantic.alias_generators import to_camel

from lifegate.core.problems import Problem, ProblemError
from lifegate.identity.auth import AgencyAuth, organisation_of
from lifegate.outbox import services

router = Router(tags=["outbox"], auth=AgencyAuth())
KEY_HELP = "Unique per request; a retry with the same key and body gets the same answer."


class Camel(Schema):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class SubscriptionIn(Camel):
    url: HttpUrl = Field(description="Where events are POSTed (https in production).")
    event_types: list[str] = Field([], description="Type prefixes to receive; empty: all.")


class SubscriptionOut(Camel):
    id: str
    url: str
    event_types: list[str]
    secret: str = Field(description="Standard Webhooks secret (whsec_…) that signs deliveries.")


class DeadLetterOut(Camel):
    id: str
    type: str
    subject: str
    attempts: int
    last_error: str
    time: dt.datetime


class ReplayOut(Camel):
    replayed: int


def _out(info: services.SubscriptionInfo) -> SubscriptionOut:
    return SubscriptionOut(
        id=info.id, url=info.url, event_types=list(info.event_types), secret=info.secret
    )


@router.post(
    "/subscriptions",
    response={200: SubscriptionOut, 201: SubscriptionOut, 422: None},
    summary="Set your organisation's webhook",
    description="Replaces an earlier subscription. Deliveries are CloudEvents (structured mode) "
    "signed as Standard Webhooks describes (webhook-id, webhook-timestamp, webhook-signature).",
    operation_id="createSubscription",
    by_alias=True,
)
def create_subscription(
    request: HttpRequest,
    payload: SubscriptionIn,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", description=KEY_HELP, max_length=200
    ),
) -> Status[Any]:
    body = json.dumps(payload.model_dump(mode="json"), sort_keys=True)
    try:
        info = services.subscribe(
            organisation_of(request),
            str(payload.url),
            payload.event_types,
            idempotency_key=idempotency_key,
            request_hash=hashlib.sha256(body.encode()).hexdigest(),
        )
    except services.IdempotencyConflictError as error:
        detail = "This Idempotency-Key was used before for a different request; use a new key."
        raise ProblemError(Problem("unprocessable", detail)) from error
    return Status(201 if info.created else 200, _out(info))


@router.get(
    "/subscriptions",
    response=list[SubscriptionOut],
    summary="Your organisation's active webhook",
    operation_id="listSubscriptions",
    by_alias=True,
)
def list_subscriptions(request: HttpRequest) -> list[SubscriptionOut]:
    # the secret is shown once, in the answer to the POST that made it; here it is empty
    return [
        _out(dataclasses.replace(info, secret=""))
        for info in services.list_subscriptions(organisation_of(request))
    ]


@router.delete(
    "/subscriptions/{subscription_id}",
    response={204: None},
    summary="Stop webhook deliveries (events stay available for polling)",
    operation_id="deleteSubscription",
)
def delete_subscription(request: HttpRequest, subscription_id: str) -> HttpResponse:
    missing = ProblemError(Problem("not-found", "There is no such active subscription."))
    try:
        uuid.UUID(subscription_id)  # not an id at all: nothing to stop (not a server error)
    except ValueError as error:
        raise missing from error
    if not services.cancel_subscription(organisation_of(request), subscription_id):
        raise missing
    return HttpResponse(status=204)


@router.get(
    "/dead-letters",
    response=list[DeadLetterOut],
    summary="Events your webhook did not accept after every retry",
    operation_id="listDeadLetters",
    by_alias=True,
)
def list_dead_letters(request: HttpRequest) -> list[DeadLetterOut]:
    letters = services.list_dead_letters(organisation_of(request))
    return [DeadLetterOut(**letter.__dict__) for letter in letters]


@router.post(
    "/dead-letters/{event_id}/replay",
    response={200: ReplayOut},
    summary="Deliver a dead letter again",
    operation_id="replayDeadLetter",
    by_alias=True,
)
def replay_dead_letter(
    request: HttpRequest,
    event_id: str,
    idempotency_key: str = Header(
        ..., alias="Idempotency-Key", description=KEY_HELP, max_length=200
    ),
) -> ReplayOut:
    try:
        uuid.UUID(event_id)
    except ValueError as error:
        raise ProblemError(Problem("not-found", "There is no such dead letter.")) from error
    replayed = services.replay([event_id], organisation_of(request))
    if not replayed:  # unknown, not dead, or another organisation's: all look the same
        raise ProblemError(Problem("not-found", "There is no such dead letter."))
    return ReplayOut(replayed=replayed)
