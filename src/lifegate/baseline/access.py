# SPDX-License-Identifier: EUPL-1.2
"""The declared access rule of every URL outside the OpenAPI document (deny by default).

Keyed by the view's dotted path. A route whose view is in neither table fails the
`routes.inventory` check: whoever adds a page or endpoint says here who may use it. Routes
under /api/v1/ must be operations of the OpenAPI document instead. Pure: no Django.

Rules: `citizen` (signed in with eID, else sent to sign in), `official` (official with second
factor), `staff` (Django admin staff), `client` (an OAuth/OpenID protocol endpoint that
authenticates its caller with a client assertion, code or bearer token), `public` (anyone;
the text says why that is right).
"""

from __future__ import annotations

ADMIN_PREFIX = "admin/"  # the Django admin site: every view wrapped by admin_view (staff only)

PROTECTED: dict[str, str] = {
    "lifegate.identity.views.profile": "citizen",
    "lifegate.identity.views.switch_acting_for": "citizen",
    "lifegate.identity.views.mandate_list": "citizen",
    "lifegate.identity.views.mandate_action": "citizen",
    "lifegate.messagebox.views.inbox": "citizen",
    "lifegate.messagebox.views.export": "citizen",
    "lifegate.messagebox.views.preferences": "citizen",
    "lifegate.messagebox.views.message": "citizen",
    "lifegate.messagebox.views.reply": "citizen",
    "lifegate.messagebox.views.archive": "citizen",
    "lifegate.messagebox.views.action": "citizen",
    "lifegate.messagebox.views.attachment": "citizen",
    "lifegate.cases.views.life_events": "citizen",
    "lifegate.cases.views.journey": "citizen",
    "lifegate.cases.views.consent": "citizen",
    "lifegate.cases.views.accept": "citizen",
    "lifegate.cases.views.decline": "citizen",
    "lifegate.cases.views.answer": "citizen",
    "lifegate.cases.views.apply": "citizen",
    "lifegate.cases.views.my_cases": "citizen",
    "lifegate.exchange.views.data_use": "citizen",
    "lifegate.exchange.views.consents": "citizen",
    "lifegate.exchange.views.evidence_list": "citizen",
    "lifegate.exchange.views.evidence_detail": "citizen",
    "lifegate.exchange.views.evidence_return": "citizen",
    "lifegate.exchange.views.evidence_pdf": "citizen",
    "lifegate.credentials.views.overview": "citizen",
    "lifegate.credentials.views.offer": "citizen",
    "lifegate.credentials.views.offer_status": "citizen",
    "lifegate.credentials.withdrawal_views.withdraw": "citizen",
    "lifegate.rules.views.entitlements": "citizen",
    "lifegate.identity.official_views.home": "official",
    "lifegate.identity.official_views.sign_out": "official",
    "lifegate.cases.official_views.work_queue": "official",
    "lifegate.cases.official_views.case": "official",
    "lifegate.cases.official_views.ask": "official",
    "lifegate.cases.official_views.decide": "official",
    "lifegate.credentials.official_views.issued_list": "official",
    "lifegate.credentials.official_views.issued_detail": "official",
    "lifegate.credentials.official_views.change_status": "official",
    "lifegate.assistant.views.missed": "staff",
    "lifegate.identity.provider.endpoints.agency_token": "client",
    "lifegate.identity.provider.endpoints.token": "client",
    "lifegate.identity.provider.endpoints.userinfo": "client",
    "lifegate.credentials.endpoints.token": "client",
    "lifegate.credentials.endpoints.credential": "client",
    "lifegate.credentials.endpoints.presentation_response": "client",
}

PUBLIC: dict[str, str] = {
    "lifegate.portal.views.root": "redirects to the visitor's language",
    "lifegate.portal.views.home": "portal home page",
    "lifegate.portal.views.accessibility": "accessibility statement (required by law)",
    "lifegate.catalog.views.event_index": "public catalogue of life events and services",
    "lifegate.catalog.views.event_page": "public catalogue page",
    "lifegate.catalog.views.service_page": "public catalogue page",
    "lifegate.catalog.views.search": "public catalogue search",
    "lifegate.catalog.views.resource": "linked-data URIs of catalogue resources",
    "lifegate.assistant.views.finder": "service finder; asks nothing personal",
    "lifegate.assistant.views.feedback": "anonymous thumbs up/down on a finder answer",
    "lifegate.assistant.views.register_page": "algorithm register (published by law)",
    "lifegate.assistant.views.register_entry": "algorithm register entry",
    "lifegate.assistant.views.register_csv": "algorithm register download",
    "lifegate.assistant.views.register_json": "algorithm register download",
    "lifegate.opendata.views.index": "open data (differentially private statistics)",
    "lifegate.opendata.views.trends": "open data",
    "lifegate.opendata.views.methodology": "open data",
    "lifegate.opendata.views.dataset": "open data",
    "lifegate.opendata.views.download": "open data files",
    "lifegate.opendata.ckan_views.action": "CKAN read API over the open data",
    "lifegate.identity.signin_views.sign_in": "starts the eID sign-in",
    "lifegate.identity.signin_views.callback": "OIDC redirect; checks state, nonce, ID token",
    "lifegate.identity.signin_views.sign_out": "ends the visitor's own session",
    "lifegate.identity.signin_views.signed_out": "page after sign-out",
    "lifegate.identity.official_views.sign_in": "officials' sign-in form (throttled)",
    "lifegate.identity.provider.endpoints.discovery": "OIDC discovery (demo eID, DEMO only)",
    "lifegate.identity.provider.endpoints.jwks": "public keys of the demo eID provider",
    "lifegate.identity.provider.pages.authorize": "demo eID persona picker (DEMO only)",
    "lifegate.identity.provider.pages.end_session": "RP-initiated logout at the demo eID",
    "lifegate.credentials.endpoints.credential_issuer_metadata": "OpenID4VCI metadata",
    "lifegate.credentials.endpoints.authorization_server_metadata": "OAuth AS metadata",
    "lifegate.credentials.endpoints.jwt_vc_issuer_metadata": "issuers' public keys",
    "lifegate.credentials.endpoints.type_metadata": "SD-JWT VC type metadata",
    "lifegate.credentials.endpoints.status_list": "token status lists (public by design)",
    "lifegate.credentials.endpoints.nonce": "OpenID4VCI c_nonce (no data)",
    "lifegate.credentials.endpoints.verifier_registration": "verifiers' public metadata",
    "lifegate.credentials.endpoints.request_object": "signed OpenID4VP request objects",
    "lifegate.credentials.views.verifier_list": "demo verifiers (a shop, a university)",
    "lifegate.credentials.views.verifier_start": "a verifier's QR code page",
    "lifegate.credentials.views.verdict": "a verifier's verdict on its own request",
    "lifegate.credentials.wallet_views.wallet_home": "reference wallet kept in the session",
    "lifegate.credentials.wallet_views.wallet_present": "reference wallet (session)",
    "lifegate.credentials.wallet_views.wallet_forget": "reference wallet (session)",
    "lifegate.credentials.wallet_views.wallet_renew": "reference wallet (session)",
}

# Framework routes of the API object itself: the document and its root.
API_DOCUMENT_ROUTES = frozenset({"api/v1/openapi.json", "api/v1/"})
