# SPDX-License-Identifier: EUPL-1.2
"""Protocol addresses (no language prefix): the well-known documents and /credentials/…"""

from django.urls import path

from lifegate.credentials import endpoints

well_known = [
    path("openid-credential-issuer", endpoints.credential_issuer_metadata, name="vci-metadata"),
    path(
        "oauth-authorization-server",
        endpoints.authorization_server_metadata,
        name="vci-authorization-server",
    ),
    path(
        "jwt-vc-issuer/credentials/issuers/<slug:organisation>",
        endpoints.jwt_vc_issuer_metadata,
        name="vci-jwt-vc-issuer",
    ),
]

urlpatterns = [
    path("token", endpoints.token, name="vci-token"),
    path("nonce", endpoints.nonce, name="vci-nonce"),
    path("credential", endpoints.credential, name="vci-credential"),
    path("types/<slug:configuration_id>", endpoints.type_metadata, name="vci-type"),
    path(
        "status-lists/<slug:organisation>/<int:number>",
        endpoints.status_list,
        name="status-list",
    ),
    path("verifiers/<str:client_id>", endpoints.verifier_registration, name="vp-verifier"),
    path("requests/<uuid:request_id>", endpoints.request_object, name="vp-request"),
    path("responses/<uuid:request_id>", endpoints.presentation_response, name="vp-response"),
]
