# SPDX-License-Identifier: EUPL-1.2
"""`read_person_data`: the one way personal data leaves a registry (see README.md)."""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db import DatabaseError
from django.utils import timezone

from lifegate.catalog import services as catalog
from lifegate.exchange import consent, log
from lifegate.exchange.policy import Decision, RefusedError, decide
from lifegate.exchange.trace import TraceContext
from lifegate.registries import grants
from lifegate.registries import services as registries
from lifegate.registries.transport import RegistryCall, RegistryUnavailableError

logger = logging.getLogger(__name__)
GRANT_SECONDS = 30


@dataclass(frozen=True)
class Requester:
    """Who reads: an organisation, and the person acting for it or for the subject, if any."""

    organisation: str
    actor: str = ""  # "person:123" when a person acts; logged as a keyed hash


@dataclass(frozen=True)
class Subject:
    """Whose data: a person by BSN or a company by KvK number."""

    kind: Literal["bsn", "kvk"]
    identifier: str

    @classmethod
    def bsn(cls, value: str) -> Subject:
        return cls("bsn", value)

    @classmethod
    def kvk(cls, value: str) -> Subject:
        return cls("kvk", value)

    @property
    def hash(self) -> str:
        return log.subject_hash(self.kind, self.identifier)


@dataclass(frozen=True)
class Released:
    """What a read released: only the fields asked for, and the log record that covers it."""

    data: dict[str, dict[str, Any]]  # registry -> field -> value
    record_id: uuid.UUID
    activity_id: str
    trace: TraceContext
    fields: tuple[str, ...] = field(default=())

    def value(self, qualified: str) -> Any:
        registry, _, name = qualified.partition(".")
        return self.data.get(registry, {}).get(name)


def _grant(decision: Decision, registry: str, fields: tuple[str, ...], subject: Subject) -> str:
    return grants.encode(
        grants.Grant(
            registry,
            fields,
            (grants.subject_tag(subject.identifier),),
            decision.activity.id,
            decision.activity.organisation,
            time.time() + GRANT_SECONDS,
        )
    )


def _call(
    decision: Decision, registry: str, fields: tuple[str, ...], subject: Subject, span: TraceContext
) -> dict[str, Any] | None:
    call = RegistryCall(
        registry,
        (subject.identifier,),
        fields,
        _grant(decision, registry, fields, subject),
        span.traceparent,
    )
    try:
        answer = registries.fetch(call)
    except RegistryUnavailableError as exc:
        raise RefusedError("registry-unavailable") from exc
    return answer.records.get(subject.identifier)


_municipalities: dict[str, tuple[str, float]] = {}  # organisation -> (code, read at)
_MUNICIPALITY_SECONDS = 300


def _municipality_of(organisation: str) -> str:
    """The organisation's municipality code, from the catalog (kept a few minutes)."""
    known = _municipalities.get(organisation)
    if known is None or time.monotonic() - known[1] > _MUNICIPALITY_SECONDS:
        now = time.monotonic()
        for o in catalog.list_organisations("nl"):
            _municipalities[o.identifier] = (o.municipality_code, now)
        known = _municipalities.get(organisation, ("", now))
    return known[0]


_REMIT_FIELD = "municipalityCode"


def _fetch(decision: Decision, subject: Subject, span: TraceContext) -> dict[str, dict[str, Any]]:
    """The registries' answers. For a municipality the persons registry is asked first, with
    the subject's municipality, which must be the requester's (released only if asked)."""
    if decision.activity.needs_consent:
        consent.require(subject.hash, decision.activity.id)
    wanted = dict(decision.by_registry)
    data: dict[str, dict[str, Any]] = {}
    if decision.activity.remit == "municipality":
        asked = wanted.pop("persons", ())
        fields = tuple(dict.fromkeys((*asked, _REMIT_FIELD)))
        person = _within_remit(decision, _call(decision, "persons", fields, subject, span))
        if asked:
            data["persons"] = {f: v for f, v in person.items() if f in asked}
    for registry, fields in wanted.items():
        record = _call(decision, registry, fields, subject, span)
        if record is not None:
            data[registry] = record
    if not data:
        raise RefusedError("subject-unknown")
    return data


def _within_remit(decision: Decision, person: dict[str, Any] | None) -> dict[str, Any]:
    if person is None:
        raise RefusedError("subject-unknown")
    if person[_REMIT_FIELD] != _municipality_of(decision.activity.organisation):
        raise RefusedError("subject-outside-remit")
    return person


@dataclass(frozen=True)
class _Read:
    """What every log record of one read shares."""

    requester: Requester
    subject: Subject
    fields: tuple[str, ...]
    span: TraceContext
    journey: str
    started: dt.datetime

    def entry(
        self, activity_id: str, status: str, *, reason: str = "", basis: str = ""
    ) -> log.Entry:
        actor = self.requester.actor
        return log.Entry(
            trace=self.span,
            activity_id=activity_id,
            organisation_id=self.requester.organisation,
            subject_hash=self.subject.hash,
            status=status,
            fields=self.fields,
            started_at=self.started,
            ended_at=timezone.now(),
            reason=reason,
            basis=basis,
            journey=self.journey,
            actor_hash=log.subject_hash("actor", actor) if actor else "",
        )


def _log_refusal(entry: log.Entry) -> None:
    try:
        log.write(entry)
    except DatabaseError:
        # Still refused: a refusal never depends on its log. The event is kept without data.
        logger.exception("exchange.refusal_not_logged", extra={"reason": entry.reason})


def read_person_data(
    requester: Requester,
    purpose: str,
    subject: Subject,
    fields: list[str] | tuple[str, ...],
    trace: TraceContext | None = None,
    *,
    journey: str = "",
) -> Released:
    """Read `fields` of `subject` for `purpose` on behalf of `requester`, or refuse.

    Releases data only after its log record and ledger entry are committed; raises
    `RefusedError` (reason, problem+json) otherwise, and logs the refusal too.
    """
    read = _Read(
        requester,
        subject,
        tuple(fields),
        (trace or TraceContext.new()).child(),
        journey,
        timezone.now(),
    )
    try:
        decision = decide(requester.organisation, purpose, subject.kind, read.fields)
        data = _fetch(decision, subject, read.span)
    except RefusedError as refusal:
        _log_refusal(read.entry(purpose, "refused", reason=refusal.reason))
        raise
    activity = decision.activity
    try:
        record_id = log.write(read.entry(activity.id, "released", basis=activity.basis))
    except DatabaseError as exc:
        raise RefusedError("log-unavailable") from exc
    return Released(data, record_id, activity.id, read.span, read.fields)
