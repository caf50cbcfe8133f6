# SPDX-License-Identifier: EUPL-1.2
"""The object-level authorisation matrix: every route that takes an object id, and its owner.

Keyed by the view's dotted path (pages and protocol endpoints) or by `METHOD /path` of the
OpenAPI document. Each object route names the one principal that owns the object (its
positive control); every other principal must be refused. A route whose ids are public by
design is in `PUBLIC_IDS` with the reason. A route with an id in neither table fails the
`authz.objects` check: whoever adds one says here whose object it is. Pure: no Django.

Principals: `nobody`, `citizen-a` (Sanne), `citizen-b` (Kees), `official-a` (SVB),
`official-b` (DUO), `agency-a` (SVB's system), `agency-b` (DUO's system); `mandate-holder`
(Eva) owns the seeded mandate and is only used as its positive control.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

PRINCIPALS = (
    "nobody",
    "citizen-a",
    "citizen-b",
    "official-a",
    "official-b",
    "agency-a",
    "agency-b",
)


@dataclass(frozen=True)
class ObjectRoute:
    """Who owns the object behind the route, and how to call it."""

    owner: str
    method: str = "GET"
    body: Mapping[str, object] = field(default_factory=dict)
    fixed: Mapping[str, str] = field(default_factory=dict)  # parameters that are no object id
    json: bool = False
    control: bool = True  # the owner's GET answers 200 (False: the object has no such part)

    @property
    def reads(self) -> bool:
        return self.method == "GET"


def _citizen(method: str = "GET", **fixed: str) -> ObjectRoute:
    return ObjectRoute("citizen-a", method, {}, fixed)


def _post(owner: str, body: Mapping[str, object] | None = None) -> ObjectRoute:
    return ObjectRoute(owner, "POST", body or {}, {})


def _api(
    method: str, owner: str = "agency-a", body: Mapping[str, object] | None = None
) -> ObjectRoute:
    return ObjectRoute(owner, method, body or {}, {}, json=True)


VIEWS: dict[str, ObjectRoute] = {
    "lifegate.identity.views.mandate_action": ObjectRoute(
        "mandate-holder", "POST", {}, {"action": "revoke"}
    ),
    "lifegate.messagebox.views.message": _citizen(),
    "lifegate.messagebox.views.reply": _post("citizen-a", {"body": "baseline"}),
    "lifegate.messagebox.views.archive": _post("citizen-a", {"archived": "1"}),
    "lifegate.messagebox.views.action": _citizen("POST", index="0"),
    "lifegate.messagebox.views.attachment": _citizen(),
    "lifegate.cases.views.journey": _citizen(),
    "lifegate.cases.views.consent": _post("citizen-a", {"consent": "given"}),
    "lifegate.cases.views.accept": _post("citizen-a"),
    "lifegate.cases.views.decline": _post("citizen-a"),
    "lifegate.cases.views.answer": _post("citizen-a", {"kinderbijslag:answer": "1"}),
    "lifegate.cases.views.apply": _citizen("POST", service="kinderbijslag"),
    "lifegate.credentials.official_views.issued_detail": ObjectRoute("official-b"),
    "lifegate.credentials.official_views.change_status": _post(
        "official-b", {"status": "revoked", "final": "yes"}
    ),
    "lifegate.cases.official_views.case": ObjectRoute("official-a"),
    "lifegate.cases.official_views.ask": _post("official-a", {"question": "baseline?"}),
    "lifegate.cases.official_views.decide": _post(
        "official-a", {"result": "granted", "reasons": "baseline"}
    ),
    "lifegate.exchange.views.evidence_detail": _citizen(),
    "lifegate.credentials.views.offer_status": _citizen(),
    "lifegate.exchange.views.evidence_return": ObjectRoute("citizen-a", control=False),
    "lifegate.exchange.views.evidence_pdf": ObjectRoute("citizen-a", control=False),
}

OPERATIONS: dict[str, ObjectRoute] = {
    "GET /cases/cases/{case_id}": _api("GET"),
    "GET /cases/cases/{case_id}/statuses": _api("GET"),
    "POST /cases/cases/{case_id}/statuses": _api("POST", body={"status": "in-progress"}),
    "POST /cases/cases/{case_id}/information-requests": _api("POST", body={"question": "?"}),
    "POST /cases/cases/{case_id}/decisions": _api(
        "POST", body={"result": "granted", "reasons": "baseline"}
    ),
    "GET /messagebox/messages/{message_id}": _api("GET"),
    "POST /messagebox/messages/{message_id}/recall": _api("POST"),
    "GET /messagebox/messages/{message_id}/replies": _api("GET"),
    "PUT /credentials/issued-credentials/{credential_id}/status": _api(
        "PUT", "agency-b", {"status": "revoked"}
    ),
    "DELETE /outbox/subscriptions/{subscription_id}": _api("DELETE"),
    "POST /outbox/dead-letters/{event_id}/replay": _api("POST"),
}

PUBLIC_IDS: dict[str, str] = {
    "lifegate.opendata.ckan_views.action": "CKAN action names over public open data",
    "lifegate.opendata.views.download": "published open data files",
    "lifegate.opendata.views.dataset": "published open data sets",
    "lifegate.catalog.views.resource": "linked-data URIs of the public catalogue",
    "lifegate.catalog.views.event_page": "public catalogue",
    "lifegate.catalog.views.service_page": "public catalogue",
    "lifegate.assistant.views.register_entry": "algorithm register, published by law",
    "lifegate.rules.views.entitlements": "a life event's id; shows the signed-in citizen's own",
    "lifegate.credentials.endpoints.jwt_vc_issuer_metadata": "issuers' public keys",
    "lifegate.credentials.endpoints.type_metadata": "public SD-JWT VC type metadata",
    "lifegate.credentials.endpoints.status_list": "status lists are public by design",
    "lifegate.credentials.endpoints.verifier_registration": "verifiers' public metadata",
    "lifegate.credentials.endpoints.request_object": "a verifier's signed request (no data)",
    "lifegate.credentials.endpoints.presentation_response": "the wallet posts to its request",
    "lifegate.credentials.views.verifier_start": "a demo verifier's public page",
    "lifegate.credentials.views.verdict": "a demo verifier's verdict on its own request",
    "GET /catalog/services/{service_id}": "public catalogue",
    "GET /catalog/services/{service_id}/cpsv-ap.jsonld": "public catalogue",
    "GET /catalog/services/{service_id}/cpsv-ap.ttl": "public catalogue",
    "GET /opendata/datasets/{dataset_id}": "published open data",
    "GET /opendata/datasets/{dataset_id}/observations": "published open data",
    "GET /ledger/entries/{index}/inclusion-proof": "Merkle hashes only: public by design",
}

# Lists that must never show another principal's objects: (who asks, path, id parameters).
LISTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("citizen-b", "/nl/berichten", ("message_id",)),
    ("citizen-b", "/nl/mijn-zaken", ("case_id",)),
    ("citizen-b", "/nl/levensgebeurtenissen", ("journey_id",)),
    ("citizen-b", "/nl/machtigingen", ("mandate_id",)),
    ("citizen-b", "/nl/bewijs", ("request_id",)),
    ("official-b", "/nl/ambtenaren/zaken", ("case_id",)),
    ("official-a", "/nl/ambtenaren/bewijzen", ("credential_id",)),
    ("agency-b", "/api/v1/cases/cases", ("case_id",)),
    ("agency-b", "/api/v1/cases/events", ("case_id",)),
    ("agency-b", "/api/v1/messagebox/events", ("message_id",)),
    ("agency-b", "/api/v1/outbox/subscriptions", ("subscription_id",)),
    ("agency-b", "/api/v1/outbox/dead-letters", ("event_id",)),
    ("agency-a", "/api/v1/credentials/issued-credentials", ("credential_id",)),
)

ADMIN_OBJECT = "admin/"  # the admin site refuses everyone but staff before it looks up an id


def declared(key: str) -> bool:
    return key in VIEWS or key in OPERATIONS or key in PUBLIC_IDS
