# SPDX-License-Identifier: EUPL-1.2
"""A foreign issuer on loopback for the credentials tests: Lucía's Spanish diploma comes from
an issuer that publishes its keys in its metadata (inline or at a jwks_uri) and serves its
status list, and can be made to rotate keys, go down, or hold its status list back."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from lifegate.credentials import (
    DIPLOMA,
    IndexAllocator,
    PrivateKey,
    StatusList,
    StatusReference,
    generate_private_key,
    issue_vc,
    public_jwk,
    services,
    sign_status_list,
    trust,
)
from lifegate.credentials.models import PresentationRequest
from lifegate.credentials.openid4vc import parse_presentation_link
from lifegate.credentials.wallet import Wallet

LUCIA_DIPLOMA = {
    "family_name": "García Fernández",
    "given_name": "Lucía",
    "birthdate": "1997-03-14",
    "degree": "Master of Science",  # what the university desk asks for
    "programme": "Ingeniería Informática",
    "programme_code": "4315412",
    "institution": "Universidad Politécnica de Madrid",
    "institution_code": "UPM",
    "awarded_on": "2022-07-15",
    "eqf_level": 7,
}


@dataclass
class ForeignIssuer:
    """A foreign issuer on loopback: issuer metadata with its keys, and its status list."""

    base: str = ""
    keys: dict[str, PrivateKey] = field(default_factory=lambda: {"es-1": generate_private_key()})
    published: list[str] = field(default_factory=lambda: ["es-1"])
    statuses: StatusList = field(default_factory=lambda: StatusList(1024, bits=2))
    allocator: IndexAllocator = field(default_factory=lambda: IndexAllocator(1024))
    down: bool = False
    names: str = ""  # the issuer its metadata names; "" for itself
    by_reference: bool = False  # keys at jwks_uri instead of inline
    metadata_status: int = 200
    padding: int = 0  # bytes of padding in the metadata, to make it too large
    requested: list[str] = field(default_factory=list)
    # When set, the status list is answered only once `status_gate` opens; `status_asked`
    # says a verifier is waiting for it.
    status_gate: threading.Event | None = None
    status_asked: threading.Event = field(default_factory=threading.Event)

    @property
    def issuer(self) -> str:
        return f"{self.base}/issuer"

    @property
    def status_uri(self) -> str:
        return f"{self.issuer}/status-lists/1"

    def metadata(self) -> dict[str, Any]:
        if self.by_reference:
            return {"issuer": self.names or self.issuer, "jwks_uri": f"{self.issuer}/jwks"}
        return {"issuer": self.names or self.issuer, "jwks": self.jwks()}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [public_jwk(self.keys[kid]) | {"kid": kid} for kid in self.published]}

    def status_token(self) -> str:
        kid = self.published[-1]
        return sign_status_list(
            self.statuses,
            uri=self.status_uri,
            key=self.keys[kid],
            iat=int(time.time()),
            ttl=60,
            kid=kid,
        )

    def rotate(self, *, withdraw_old: bool) -> str:
        kid = f"es-{len(self.keys) + 1}"
        self.keys[kid] = generate_private_key()
        self.published = [kid] if withdraw_old else [*self.published, kid]
        return kid

    def diploma_for(self, wallet: Wallet, kid: str) -> str:
        now = int(time.time())
        return issue_vc(
            DIPLOMA,
            LUCIA_DIPLOMA,
            issuer=self.issuer,
            issuer_key=self.keys[kid],
            holder_jwk=public_jwk(wallet.key),
            iat=now - 60,
            exp=now + 86_400,
            status=StatusReference(self.status_uri, self.allocator.allocate()),
            kid=kid,
        ).serialize()


def _handler(foreign: ForeignIssuer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            foreign.requested.append(self.path)
            if foreign.down:
                return self._answer(503, "application/json", b"{}")
            if self.path == "/.well-known/jwt-vc-issuer/issuer":
                document = foreign.metadata() | {"padding": "x" * foreign.padding}
                body = json.dumps(document).encode()
                status = foreign.metadata_status
                return self._answer(status, "application/json", body, "public, max-age=300")
            if self.path == "/issuer/jwks":
                body = json.dumps(foreign.jwks()).encode()
                return self._answer(200, "application/json", body, "max-age=60")
            if self.path == "/issuer/status-lists/1":
                if foreign.status_gate is not None:
                    foreign.status_asked.set()
                    foreign.status_gate.wait(timeout=30)
                token = foreign.status_token().encode()
                return self._answer(200, "application/statuslist+jwt", token)
            return self._answer(404, "application/json", b"{}")

        def _answer(self, code: int, kind: str, body: bytes, cache: str = "no-store") -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", cache)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


def serve_foreign_issuer() -> Iterator[ForeignIssuer]:
    """A ForeignIssuer on a loopback port of its own, for as long as the caller needs it."""
    issuer = ForeignIssuer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(issuer))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    issuer.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield issuer
    if issuer.status_gate is not None:
        issuer.status_gate.set()  # let a held-back answer go, so no request is left hanging
    server.shutdown()
    server.server_close()


def trust_only(settings: Any, foreign: ForeignIssuer) -> ForeignIssuer:
    """This installation trusts the foreign issuer by name; nothing fetched from it yet."""
    settings.CREDENTIALS_TRUSTED_ISSUERS = (foreign.issuer,)
    trust.forget()
    return foreign


def check_at_the_university(wallet: Wallet, language: str = "en") -> dict[str, Any]:
    """What the university desk's verdict says of the one credential the wallet shows."""
    link = services.start_presentation("university", language)
    wallet.send(wallet.prepare(link))
    _client_id, uri = parse_presentation_link(link)
    request = PresentationRequest.objects.get(pk=uuid.UUID(uri.rsplit("/", 1)[1]))
    assert request.verdict is not None
    verdict: dict[str, Any] = request.verdict["credentials"][0]
    return verdict
