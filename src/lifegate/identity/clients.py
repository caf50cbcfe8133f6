# SPDX-License-Identifier: EUPL-1.2
"""Registering clients: relying parties at the demo eID provider, agencies for the APIs."""

from __future__ import annotations

from typing import Any

from joserfc.jwk import KeySet

from lifegate.identity import models
from lifegate.identity.auth import note_revocation


class InvalidClientKeysError(ValueError):
    """The keys given for a client are not a public JWK set."""


def _public_only(jwks: dict[str, Any]) -> dict[str, Any]:
    try:
        key_set = KeySet.import_key_set(jwks)  # type: ignore[arg-type]
    except Exception as error:  # joserfc raises several kinds for a malformed set
        raise InvalidClientKeysError("Give a JWK set with the client's public keys.") from error
    public: dict[str, Any] = dict(key_set.as_dict(private=False))
    return public  # a private part sent by mistake is never stored


def register_agency_client(client_id: str, organisation_id: str, jwks: dict[str, Any]) -> None:
    """Let an agency's system get access tokens for `organisation_id` with private_key_jwt.

    Registering again with the same id replaces the keys (key rotation).
    """
    models.Client.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": f"Agency system of {organisation_id}",
            "kind": models.Client.AGENCY,
            "organisation_id": organisation_id,
            "jwks": _public_only(jwks),
            "redirect_uris": [],
        },
    )


def register_relying_party(
    client_id: str,
    name: str,
    jwks: dict[str, Any],
    redirect_uris: list[str],
    post_logout_redirect_uris: list[str],
) -> None:
    """Register (or update) a relying party at the demo eID provider."""
    models.Client.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": name,
            "kind": models.Client.RELYING_PARTY,
            "organisation_id": "",
            "jwks": _public_only(jwks),
            "redirect_uris": redirect_uris,
            "post_logout_redirect_uris": post_logout_redirect_uris,
        },
    )


def revoke_client_tokens(client_id: str) -> int:
    """Revoke every access token issued to a client (its key was declared compromised);
    the APIs refuse them from the next request on, in every server process."""
    revoked = models.AccessToken.objects.filter(client__client_id=client_id, revoked=False).update(
        revoked=True
    )
    note_revocation()
    return revoked
