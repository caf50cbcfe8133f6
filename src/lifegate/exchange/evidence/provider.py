# SPDX-License-Identifier: EUPL-1.2
"""A demo evidence provider of another member state (Spain's civil registry), as its own
HTTP service: a plain WSGI app, no Django, started by `lifegate evidence_provider`.

POST /oots/evidence-requests         request → 201 with previewLocation, or an exception
GET  /preview/{token}                the preview space where the citizen approves (English)
POST /preview/{token}                approve or refuse → 303 to the requester's return URL
GET  /preview/{token}/pdf            the PDF rendition, for the citizen's preview
GET  /oots/evidence-responses/{id}   Pending | Refused | Approved with evidence and PDF

The record is found by the eIDAS person identifier and the family name; the date of birth
on the certificate is the one the identity assertion carried. State is kept in memory: a
demo. Pages are `string.Template`s in `pages/`. Nothing personal is written to logs.
"""

from __future__ import annotations

import base64
import html
import json
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from string import Template
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from lifegate.exchange.evidence import pdf
from lifegate.exchange.evidence.oots import BirthCertificate, EvidenceRequest

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
Records = dict[str, tuple[str, str, str]]
# The civil registry's own records: identifier -> (family name, place of birth, entry).
DEMO_RECORDS: Records = {
    "ES/NL/4F7A2C9E1B3D5A60": ("García Fernández", "Madrid", "Tomo 412, folio 88"),
}
PAGES = Path(__file__).parent / "pages"
HTML = [("Content-Type", "text/html; charset=utf-8")]


def _page(name: str, **values: str) -> bytes:
    """A page from `pages/`; values go in as given, so escape text before passing it."""
    template = Template((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    return template.substitute(values).encode()


@dataclass
class _Case:
    request: EvidenceRequest
    certificate: BirthCertificate
    token: str
    status: str = "Pending"  # Pending | Approved | Refused


class _ProviderError(Exception):
    """An OOTS exception answered to the requester."""

    def __init__(self, status: str, code: str, message: str) -> None:
        super().__init__(code)
        self.status, self.code, self.message = status, code, message


def _json(start: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    start(status, [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]


def _read_request(environ: dict[str, Any]) -> EvidenceRequest:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        return EvidenceRequest.from_json(json.loads(environ["wsgi.input"].read(length)))
    except (ValueError, KeyError, TypeError) as exc:
        raise _ProviderError(
            "400 Bad Request", "InvalidRequest", "not an evidence request"
        ) from exc


def _check_conditions(request: EvidenceRequest) -> None:
    if not request.explicit_request_given:
        raise _ProviderError(
            "422 Unprocessable Entity",
            "ExplicitRequestRequired",
            "the user did not explicitly request the exchange",
        )
    if not request.possibility_for_preview:
        raise _ProviderError(
            "422 Unprocessable Entity",
            "PreviewRequired",
            "Spanish law requires the user to preview this evidence",
        )


def _certificate(records: Records, request: EvidenceRequest) -> BirthCertificate:
    person = request.person
    record = records.get(person.person_identifier)
    if record is None or record[0] != person.family_name:
        raise _ProviderError(
            "404 Not Found", "EvidenceNotFound", "no birth certificate for this person"
        )
    family_name, place, entry = record
    return BirthCertificate(
        person.given_name,
        family_name,
        person.date_of_birth,
        place,
        "Spain",
        f"Registro Civil de {place}",
        entry,
    )


def _certificate_lines(c: BirthCertificate) -> list[tuple[str, str]]:
    return [
        ("Given name", c.given_name),
        ("Family name", c.family_name),
        ("Date of birth", c.date_of_birth),
        ("Place of birth", f"{c.place_of_birth}, {c.country_of_birth}"),
        ("Registry office", c.registry_office),
        ("Entry", c.entry),
    ]


def render_pdf(c: BirthCertificate) -> bytes:
    lines = [f"{label}: {value}" for label, value in _certificate_lines(c)]
    lines.append("DEMO - synthetic data, not a real document")
    return pdf.render("Certificado de nacimiento / Birth certificate", lines)


def preview_page(c: BirthCertificate, request: EvidenceRequest, token: str, status: str) -> bytes:
    """The preview space: the evidence as it would be sent, and the citizen's choice."""
    e = html.escape
    rows = "\n".join(
        f'<tr><th scope="row">{e(label)}</th><td>{e(value)}</td></tr>'
        for label, value in _certificate_lines(c)
    )
    if status == "Pending":
        actions = _page("decide", token=e(token), requester=e(request.requester_name))
    else:
        actions = _page("decided", status=e(status.lower()))
    return _page(
        "preview",
        requester=e(request.requester_name),
        procedure=e(request.procedure),
        rows=rows,
        token=e(token),
        actions=actions.decode(),
    )


class EvidenceProvider:
    """The WSGI app; `base_url` is where citizens reach its preview space."""

    def __init__(self, base_url: str, records: Records | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.records = DEMO_RECORDS if records is None else records
        self.cases: dict[str, _Case] = {}
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = [p for p in path.split("/") if p]
        try:
            if method == "POST" and parts == ["oots", "evidence-requests"]:
                return _json(start, "201 Created", self._accept(_read_request(environ)))
            if method == "GET" and len(parts) == 3 and parts[:2] == ["oots", "evidence-responses"]:
                return _json(start, "200 OK", self._answer(parts[2]))
        except _ProviderError as error:
            body = {"exception": {"code": error.code, "message": error.message}}
            return _json(start, error.status, body)
        if len(parts) >= 2 and parts[0] == "preview":
            return self._preview(method, parts[1:], environ, start)
        return _json(start, "404 Not Found", {"exception": {"code": "NotFound"}})

    def _accept(self, request: EvidenceRequest) -> dict[str, Any]:
        _check_conditions(request)
        case = _Case(request, _certificate(self.records, request), secrets.token_urlsafe(24))
        with self.lock:
            self.cases[request.request_id] = case
        return {
            "requestId": request.request_id,
            "status": "PreviewRequired",
            "previewLocation": f"{self.base_url}/preview/{case.token}",
        }

    def _answer(self, request_id: str) -> dict[str, Any]:
        case = self.cases.get(request_id)
        if case is None:
            raise _ProviderError("404 Not Found", "NotFound", "no such evidence request")
        body: dict[str, Any] = {"requestId": request_id, "status": case.status}
        if case.status == "Approved":
            body["evidence"] = case.certificate.to_json()
            content = base64.b64encode(render_pdf(case.certificate)).decode()
            body["rendition"] = {"mediaType": "application/pdf", "content": content}
        return body

    def _case_by_token(self, token: str) -> _Case | None:
        with self.lock:
            cases = list(self.cases.values())
        return next((c for c in cases if secrets.compare_digest(c.token, token)), None)

    def _preview(
        self, method: str, rest: list[str], environ: dict[str, Any], start: StartResponse
    ) -> list[bytes]:
        case = self._case_by_token(rest[0])
        if case is None:
            start("404 Not Found", HTML)
            return [_page("not_found")]
        if rest[1:] == ["pdf"]:
            start("200 OK", [("Content-Type", "application/pdf")])
            return [render_pdf(case.certificate)]
        if method == "POST" and case.status == "Pending":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            choice = environ["wsgi.input"].read(length).decode()
            case.status = "Approved" if "decision=approve" in choice else "Refused"
            start("303 See Other", [("Location", case.request.return_url)])
            return [b""]
        start("200 OK", HTML)
        return [preview_page(case.certificate, case.request, case.token, case.status)]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return None  # request lines can hold tokens; keep them out of logs


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def make(host: str, port: int, records: Records | None = None, public_url: str = "") -> WSGIServer:
    """A threaded server for the provider; `serve_forever()` it (a thread in tests).

    `public_url` is the base of the preview links (default: http://host:port)."""
    app = EvidenceProvider("", records)
    server = make_server(host, port, app, server_class=_ThreadingServer, handler_class=_Quiet)
    app.base_url = (public_url or f"http://{host}:{server.server_port}").rstrip("/")
    return server
