# SPDX-License-Identifier: EUPL-1.2
"""The requesting side: send an OOTS evidence request, send the citizen to the provider's
preview, collect the evidence when they approved, attach it to the procedure.

The provider is reached through `EvidenceTransport` (one method), over HTTP by default.
Evidence is kept only together with its log record and ledger entry (one transaction).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from typing import Any, Protocol

import httpx
from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from lifegate.exchange import log
from lifegate.exchange import models as tables
from lifegate.exchange.evidence.oots import BIRTH_CERTIFICATE, EvidenceRequest, NaturalPerson
from lifegate.exchange.trace import TraceContext

ACTIVITY = "utrecht-address-registration-evidence"
REQUESTER = ("gemeente-utrecht", "Gemeente Utrecht")
PROCEDURE = "Registering your address when moving to the Netherlands"
FIELDS = ("evidence.birthCertificate",)


class ProviderTimeoutError(Exception):
    pass


class ProviderUnavailableError(Exception):
    pass


class EvidenceTransport(Protocol):
    def send(
        self, method: str, path: str, body: dict[str, Any] | None, traceparent: str
    ) -> tuple[int, dict[str, Any]]: ...


class HttpEvidenceTransport:
    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send(
        self, method: str, path: str, body: dict[str, Any] | None, traceparent: str
    ) -> tuple[int, dict[str, Any]]:
        try:
            response = httpx.request(
                method,
                f"{self.base_url}{path}",
                json=body,
                headers={"traceparent": traceparent},
                timeout=self.timeout,
            )
        except httpx.TimeoutException as exc:
            raise ProviderTimeoutError(self.base_url) from exc
        except httpx.HTTPError as exc:
            raise ProviderUnavailableError(self.base_url) from exc
        try:
            return response.status_code, dict(response.json())
        except ValueError as exc:
            raise ProviderUnavailableError(self.base_url) from exc


_transport: list[EvidenceTransport] = []


def transport() -> EvidenceTransport:
    return (
        _transport[0]
        if _transport
        else HttpEvidenceTransport(
            settings.EVIDENCE_PROVIDER_URL, settings.EVIDENCE_TIMEOUT_SECONDS
        )
    )


def use_transport(replacement: EvidenceTransport | None) -> None:
    _transport.clear()
    if replacement is not None:
        _transport.append(replacement)


def _fail(row: tables.EvidenceRequest, status: str, reason: str) -> tables.EvidenceRequest:
    row.status, row.reason = status, reason[:200]
    row.save(update_fields=["status", "reason", "updated_at"])
    return row


def _oots_request(
    row: tables.EvidenceRequest, person: NaturalPerson, return_url: str
) -> EvidenceRequest:
    return EvidenceRequest(
        str(row.id),
        PROCEDURE,
        *REQUESTER,
        BIRTH_CERTIFICATE,
        person,
        True,  # PossibilityForPreview
        True,  # ExplicitRequestGiven: the citizen pressed "request"
        return_url.replace("ID", str(row.id)),
    )


def start(owner: str, person: NaturalPerson, return_url: str) -> tables.EvidenceRequest:
    """Ask Spain for the citizen's birth certificate (they asked explicitly, preview possible)."""
    trace = TraceContext.new()
    row = tables.EvidenceRequest.objects.create(
        owner=owner,
        subject_hash=log.subject_hash("eidas", person.person_identifier),
        country="ES",
        evidence_type=BIRTH_CERTIFICATE,
        procedure=PROCEDURE,
        activity_id=ACTIVITY,
        trace_id=trace.trace_id,
    )
    request = _oots_request(row, person, return_url)
    try:
        status, body = transport().send(
            "POST", "/oots/evidence-requests", request.to_json(), trace.traceparent
        )
    except ProviderTimeoutError:
        return _fail(row, tables.EvidenceRequest.TIMEOUT, "no answer in time")
    except ProviderUnavailableError:
        return _fail(row, tables.EvidenceRequest.FAILED, "provider unreachable")
    if status != 201:
        code = str(body.get("exception", {}).get("code", "refused"))
        return _fail(row, tables.EvidenceRequest.REFUSED, code)
    row.status, row.preview_url = tables.EvidenceRequest.PREVIEW, str(body["previewLocation"])
    row.provider_request_id = str(body["requestId"])
    row.save(update_fields=["status", "preview_url", "provider_request_id", "updated_at"])
    return row


def _log_entry(
    row: tables.EvidenceRequest, status: str, reason: str, started: dt.datetime
) -> log.Entry:
    trace = TraceContext(row.trace_id, uuid.uuid4().hex[:16])
    return log.Entry(
        trace,
        ACTIVITY,
        REQUESTER[0],
        row.subject_hash,
        status,
        FIELDS,
        started,
        timezone.now(),
        reason=reason,
        basis="legal-obligation",
        journey="moving-to-the-netherlands",
    )


def _attach(
    row: tables.EvidenceRequest, body: dict[str, Any], started: dt.datetime
) -> tables.EvidenceRequest:
    try:
        pdf = base64.b64decode(body["rendition"]["content"], validate=True)
    except (KeyError, TypeError, binascii.Error):
        return _fail(row, tables.EvidenceRequest.FAILED, "malformed evidence")
    try:
        with transaction.atomic():
            log.write(_log_entry(row, "released", "", started))
            row.status, row.evidence, row.pdf = (
                tables.EvidenceRequest.ATTACHED,
                dict(body["evidence"]),
                pdf,
            )
            row.save(update_fields=["status", "evidence", "pdf", "updated_at"])
    except DatabaseError:
        return _fail(row, tables.EvidenceRequest.FAILED, "could not be logged")
    return row


def collect(row: tables.EvidenceRequest) -> tables.EvidenceRequest:
    """After the preview: fetch the answer and attach the evidence if the citizen approved."""
    if row.status != tables.EvidenceRequest.PREVIEW:
        return row
    started = timezone.now()
    try:
        status, body = transport().send(
            "GET",
            f"/oots/evidence-responses/{row.provider_request_id}",
            None,
            TraceContext(row.trace_id, uuid.uuid4().hex[:16]).traceparent,
        )
    except ProviderTimeoutError:
        return _fail(row, tables.EvidenceRequest.TIMEOUT, "no answer in time")
    except ProviderUnavailableError:
        return _fail(row, tables.EvidenceRequest.FAILED, "provider unreachable")
    if status != 200 or body.get("status") == "Pending":
        return row
    if body.get("status") == "Refused":
        log.write(_log_entry(row, "refused", "citizen-refused-in-preview", started))
        return _fail(row, tables.EvidenceRequest.REFUSED, "citizen-refused")
    return _attach(row, body, started)


def requests_of(owner: str) -> list[tables.EvidenceRequest]:
    return list(tables.EvidenceRequest.objects.filter(owner=owner).order_by("-created_at"))


def request_of(owner: str, request_id: uuid.UUID) -> tables.EvidenceRequest | None:
    return tables.EvidenceRequest.objects.filter(owner=owner, id=request_id).first()
