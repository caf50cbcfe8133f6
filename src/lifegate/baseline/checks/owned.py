# SPDX-License-Identifier: EUPL-1.2
"""Objects of one citizen and one agency, made through the blocks' own doors for the matrix.

Sanne's birth journey with its offers and her child benefit case at SVB, a message SVB sends
her (with an attachment), an evidence request of hers, Jan and Eva's mandate, SVB's webhook
subscription and one of its events, a diploma credential DUO issued to Ahmed's wallet, and
Sanne's offer of her PID.
Ids a block shows only on its pages are read from the owner's own page, so the matrix also
proves the owner gets them. Runs inside the baseline's rolled-back transaction.
"""

from __future__ import annotations

import base64
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from django.conf import settings
from django.test import Client
from django.utils import timezone

from lifegate.baseline.checks.principals import Principal
from lifegate.cases import services as cases
from lifegate.credentials import services as credentials
from lifegate.credentials.wallet import Wallet
from lifegate.demo import services as demo
from lifegate.exchange.evidence import requests as evidence
from lifegate.exchange.evidence.oots import NaturalPerson
from lifegate.identity import services as identity
from lifegate.outbox import services as outbox

MARKER = "baseline-owned-7f3c"  # in the message subject: never in a refusal
_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@dataclass
class Owned:
    """The ids by the URL parameter that names them, and text only their owners may see."""

    ids: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)


def _bsn(person_id: int) -> str:
    person = demo.find_person(person_id)
    if person is None:
        raise LookupError(f"person {person_id} is not in the population: run `lifegate seed`")
    return person.bsn


def _first(pattern: str, page: Any, what: str) -> str:
    found = re.search(pattern, page.content.decode())
    if found is None:
        raise LookupError(f"{what} not found on its owner's page ({page.status_code})")
    return found.group(1)


def _journey(owned: Owned, people: dict[str, int], sanne: Principal) -> None:
    event = cases.RegistryEvent(
        "person.born",
        _bsn(people["noor"]),
        timezone.localdate(),
        (_bsn(people["sanne"]), _bsn(people["daan"])),
    )
    cases.record_registry_event(event)  # opens nothing twice when the demo opened it before
    journey = next(
        j for j in cases.journeys_of(people["sanne"]) if j.instance.startswith("person.born")
    )
    owned.ids["journey_id"] = str(journey.id)
    page = sanne.request("GET", f"/nl/levensgebeurtenissen/{journey.id}")
    offer = _first(rf"aanbiedingen/({_UUID})/accepteren", page, "an open offer")
    owned.ids["offer_id"] = offer
    owned.ids["case_id"] = str(cases.accept_offer(offer, people["sanne"], people["sanne"]).id)


def _message(owned: Owned, people: dict[str, int], svb: Principal, sanne: Principal) -> None:
    body = {
        "recipient": {"type": "bsn", "id": _bsn(people["sanne"])},
        "texts": [
            {"language": "nl", "subject": f"Besluit {MARKER}", "body": "Uw besluit."},
            {"language": "en", "subject": f"Decision {MARKER}", "body": "Your decision."},
        ],
        "retentionDays": 30,
        "legalBasis": "Algemene Kinderbijslagwet, art. 7",
        "reference": MARKER,
        "attachments": [
            {
                "filename": "besluit.pdf",
                "contentType": "application/pdf",
                "content": base64.b64encode(_PDF).decode(),
            }
        ],
    }
    headers = {**svb.headers, "HTTP_IDEMPOTENCY_KEY": uuid.uuid4().hex}
    sent = svb.client.post(
        "/api/v1/messagebox/messages", body, content_type="application/json", **headers
    )
    if sent.status_code != 201:
        raise RuntimeError(f"SVB could not send a message: {sent.status_code} {sent.content!r}")
    owned.ids["message_id"] = message = str(sent.json()["id"])
    page = sanne.request("GET", f"/nl/berichten/{message}")
    owned.ids["attachment_id"] = _first(rf"bijlagen/({_UUID})", page, "the attachment")


class _Unreachable:
    """The evidence provider's transport for the matrix: Spain is never called."""

    def send(
        self, method: str, path: str, body: dict[str, Any] | None, traceparent: str
    ) -> tuple[int, dict[str, Any]]:
        raise evidence.ProviderUnavailableError("the baseline calls no provider")


def _evidence(owned: Owned, people: dict[str, int]) -> None:
    person = NaturalPerson("ES/NL/BASELINE", "de Vries", "Sanne", "1990-01-01", "substantial")
    evidence.use_transport(_Unreachable())
    try:
        row = evidence.start(f"person:{people['sanne']}", person, "http://testserver/")
    finally:
        evidence.use_transport(None)
    owned.ids["request_id"] = str(row.id)


def _mandate(owned: Owned, eva: Principal) -> None:
    identity.seed_persona_mandates()
    page = eva.request("GET", "/nl/machtigingen")
    owned.ids["mandate_id"] = _first(r"machtigingen/(\d+)/", page, "Eva's mandate")


class _InProcess(httpx.BaseTransport):
    """httpx served by Django's test client: same thread, same transaction, and unlike a
    WSGI transport it never closes the database connection after a request."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers: dict[str, Any] = {
            f"HTTP_{k.upper().replace('-', '_')}": v for k, v in request.headers.items()
        }
        answer = Client().generic(
            request.method,
            request.url.raw_path.decode(),
            request.read(),
            content_type=request.headers.get("content-type", ""),
            **headers,
        )
        return httpx.Response(
            answer.status_code, headers=dict(answer.items()), content=answer.content
        )


def _credential(owned: Owned, people: dict[str, int]) -> None:
    """Ahmed's wallet redeems a DUO diploma offer, every call served in-process."""
    offer = credentials.create_offer("diploma", people["ahmed"])
    with httpx.Client(transport=_InProcess(), base_url=settings.PUBLIC_URL) as http:
        Wallet({}, http, settings.PUBLIC_URL).receive(offer.link, offer.tx_code)
    issued = credentials.issued_credentials(["duo"], person_id=people["ahmed"])
    owned.ids["credential_id"] = str(issued[0].id)


def _credential_offer(owned: Owned, sanne: Principal) -> None:
    """Sanne asks for her PID; the offer page is the only place its id shows."""
    page = sanne.request("POST", "/nl/bewijzen/aanbod", {"configuration": "pid"})
    owned.ids["credential_offer_id"] = _first(rf"bewijzen/aanbod/({_UUID})", page, "her offer")


def _outbox(owned: Owned) -> None:
    subscription = outbox.subscribe("svb", "https://svb.baseline.invalid/hook")
    owned.ids["subscription_id"] = subscription.id
    owned.secrets.append(subscription.secret)
    owned.ids["event_id"] = str(outbox.publish("nl.lifegate.baseline.probe", MARKER, {}, "svb").id)


def make(people: dict[str, int], owners: dict[str, Principal]) -> Owned:
    """Every object the matrix asks for; `owners` are the principals who own them."""
    owned = Owned(secrets=[MARKER, _bsn(people["sanne"])])
    _journey(owned, people, owners["citizen-a"])
    _message(owned, people, owners["agency-a"], owners["citizen-a"])
    _evidence(owned, people)
    _mandate(owned, owners["mandate-holder"])
    _credential(owned, people)
    _credential_offer(owned, owners["citizen-a"])
    _outbox(owned)
    return owned
