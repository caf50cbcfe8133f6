# SPDX-License-Identifier: EUPL-1.2
"""Cross-border evidence with the demo Spanish provider running as its own HTTP service."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lifegate.exchange import models as exchange_tables
from lifegate.exchange.evidence import provider
from lifegate.exchange.evidence import requests as evidence
from lifegate.exchange.evidence.oots import NaturalPerson

pytestmark = pytest.mark.django_db
LUCIA = NaturalPerson("ES/NL/99999999R", "García Fernández", "Lucía", "1996-01-10", "substantial")
RECORDS = {"ES/NL/99999999R": ("García Fernández", "Madrid", "Tomo 412, folio 88")}


@pytest.fixture
def spain(settings) -> Iterator[str]:
    server = provider.make("127.0.0.1", 0, RECORDS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EVIDENCE_PROVIDER_URL = f"http://127.0.0.1:{server.server_port}"
    yield settings.EVIDENCE_PROVIDER_URL
    server.shutdown()
    server.server_close()


def _decide(preview_url: str, decision: str) -> None:
    with httpx.Client() as http:
        page = http.get(preview_url)
        assert "Preview your evidence before it is sent" in page.text
        http.post(preview_url, data={"decision": decision})


def test_approved_evidence_is_attached_with_its_pdf_and_logged(spain):
    row = evidence.start("foreign:1", LUCIA, "http://testserver/en/evidence/ID/return")
    assert row.status == "preview" and row.preview_url.startswith(spain)

    _decide(row.preview_url, "approve")
    row = evidence.collect(row)

    assert row.status == "attached"
    assert row.evidence is not None and row.evidence["place_of_birth"] == "Madrid"
    assert row.pdf is not None and bytes(row.pdf).startswith(b"%PDF-1.4")
    record = exchange_tables.ProcessingRecord.objects.get(subject_hash=row.subject_hash)
    assert (record.status, record.fields) == ("released", ["evidence.birthCertificate"])


def test_evidence_the_citizen_refuses_in_the_preview_is_never_stored(spain):
    row = evidence.start("foreign:1", LUCIA, "http://testserver/en/evidence/ID/return")

    _decide(row.preview_url, "refuse")
    row = evidence.collect(row)

    assert (row.status, row.reason, row.evidence, row.pdf) == (
        "refused",
        "citizen-refused",
        None,
        None,
    )


def test_an_unknown_person_is_refused_by_the_provider(spain):
    row = evidence.start(
        "foreign:2", NaturalPerson("ES/NL/0", "X", "Y", "1990-01-01", "substantial"), "http://t/ID"
    )

    assert (row.status, row.reason) == ("refused", "EvidenceNotFound")


def test_a_provider_that_does_not_answer_in_time_is_a_timeout(settings):
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.EVIDENCE_PROVIDER_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.EVIDENCE_TIMEOUT_SECONDS = 0.3

        row = evidence.start("foreign:1", LUCIA, "http://t/ID")

    assert row.status == "timeout"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_lifegate_evidence_provider_serves_the_demo_provider_until_ctrl_c(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "LIFEGATE_HOME": str(tmp_path),
        "LIFEGATE_EVIDENCE_PROVIDER_URL": f"http://127.0.0.1:{port}",
    }
    command = [sys.executable, "-m", "lifegate.cli", "evidence_provider"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE)  # noqa: S603
    try:
        answer = _first_answer(f"http://127.0.0.1:{port}/oots/evidence-requests")
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=60)

    assert answer.status_code == 400
    assert answer.json()["exception"]["code"] == "InvalidRequest"
    assert process.returncode == 0
    assert f"on http://127.0.0.1:{port}/" in out.decode()


def _first_answer(url: str) -> httpx.Response:
    deadline = time.monotonic() + 60  # a loaded CI machine starts Django slowly
    while True:
        try:
            return httpx.post(url, content=b"{}")
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class RecordingProvider:
    """An `EvidenceTransport` that records what it is sent and answers like a provider."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict[str, Any] | None, str]] = []

    def send(
        self, method: str, path: str, body: dict[str, Any] | None, traceparent: str
    ) -> tuple[int, dict[str, Any]]:
        self.sent.append((method, path, body, traceparent))
        return 201, {"requestId": "es-1", "previewLocation": "https://es.example/preview/es-1"}


@pytest.fixture
def recording() -> Iterator[RecordingProvider]:
    provider_double = RecordingProvider()
    evidence.use_transport(provider_double)
    yield provider_double
    evidence.use_transport(None)


def test_the_request_names_the_evidence_type_the_procedure_preview_and_explicit_request(
    recording,
):
    row = evidence.start("foreign:1", LUCIA, "http://testserver/en/evidence/ID/return")

    ((method, path, body, traceparent),) = recording.sent
    assert (method, path) == ("POST", "/oots/evidence-requests")
    assert body is not None
    assert body["requestedEvidence"]["evidenceTypeClassification"].endswith("/birth-certificate")
    assert body["procedure"] == evidence.PROCEDURE
    assert (body["possibilityForPreview"], body["explicitRequestGiven"]) == (True, True)
    assert body["naturalPerson"]["personIdentifier"] == LUCIA.person_identifier
    assert body["previewReturnUrl"] == f"http://testserver/en/evidence/{row.id}/return"
    assert traceparent.split("-")[1] == row.trace_id
    assert (row.status, row.preview_url) == ("preview", "https://es.example/preview/es-1")
    assert not exchange_tables.ProcessingRecord.objects.exists()  # nothing used before approval
