# SPDX-License-Identifier: EUPL-1.2
"""Every place that accepts a JWT, each given the valid token and every forged one."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.test import Client
from joserfc.jwk import ECKey, RSAKey

from lifegate.baseline.forge import DEFECTS, VALID, forge
from lifegate.baseline.outcome import Outcome
from lifegate.credentials import openid4vc
from lifegate.credentials.errors import CredentialError
from lifegate.identity import idtoken, loa, rp
from lifegate.identity import services as identity


@dataclass(frozen=True)
class Acceptor:
    """A verifier: `mint(defect)` makes a token, `accepts(token)` says whether it got in."""

    name: str
    mint: Callable[[str], str]
    accepts: Callable[[str], bool]
    defects: tuple[str, ...] = DEFECTS


def agency_assertion() -> Acceptor:
    """POST /oauth2/token: an agency's private_key_jwt client assertion (RFC 7523)."""
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    client_id = f"baseline-{uuid.uuid4().hex[:8]}"
    identity.register_agency_client(client_id, "svb", {"keys": [key.as_dict(private=False)]})
    audience = f"{settings.PUBLIC_URL}/oauth2/token"

    def mint(defect: str) -> str:
        return identity.client_assertion(
            client_id, key, audience, sign=lambda h, c, k: forge(defect, h, c, k)
        )

    def accepts(token: str) -> bool:
        response = Client().post(
            "/oauth2/token",
            {
                "grant_type": "client_credentials",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": token,
            },
        )
        return response.status_code == 200

    return Acceptor("identity: agency private_key_jwt at /oauth2/token", mint, accepts)


class _KeysOnly:
    """The relying party's transport, answering only the provider's JWKS."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self.jwks = jwks

    def get_json(self, url: str, bearer: str = "") -> dict[str, Any]:
        return self.jwks

    def post_form(
        self, url: str, data: dict[str, str], basic: tuple[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        raise AssertionError("the ID token check posts nothing")


def id_token() -> Acceptor:
    """The portal (relying party) checking an eID provider's ID token."""
    key = RSAKey.generate_key(2048, {"alg": "RS256", "use": "sig"}, auto_kid=True)
    issuer = f"https://idp-{uuid.uuid4().hex[:8]}.baseline.invalid"
    metadata = rp.Provider(issuer, f"{issuer}/authorize", f"{issuer}/token", f"{issuer}/jwks", "")

    def mint(defect: str) -> str:
        now = int(time.time())
        claims = {
            "iss": issuer,
            "aud": settings.OIDC_CLIENT_ID,
            "sub": "baseline",
            "iat": now,
            "exp": now + 300,
            "nonce": "n-baseline",
            "acr": loa.URIS["substantial"],
        }
        return forge(defect, {"alg": "RS256", "kid": key.kid}, claims, key)

    def accepts(token: str) -> bool:
        rp.use_transport(_KeysOnly({"keys": [key.as_dict(private=False)]}))
        try:
            idtoken.validate(token, metadata, "n-baseline", "substantial")
        except rp.SignInRefusedError:
            return False
        finally:
            rp.reset_transport()
        return True

    return Acceptor("identity: ID token at the portal's sign-in callback", mint, accepts)


def vci_proof() -> Acceptor:
    """The credential issuer checking a wallet's proof of possession (OpenID4VCI)."""
    key = ECKey.generate_key("P-256", auto_kid=True)
    audience = f"{settings.PUBLIC_URL}/credentials"
    header = {"alg": "ES256", "typ": openid4vc.PROOF_TYP, "jwk": key.as_dict(private=False)}

    def mint(defect: str) -> str:
        claims = {"aud": audience, "nonce": "c-baseline", "iat": int(time.time())}
        return forge(defect, dict(header), claims, key, issuer_claim="aud")

    def accepts(token: str) -> bool:
        try:
            openid4vc.verify_proof(token, aud=audience, now=int(time.time()))
        except CredentialError:
            return False
        return True

    # A proof has no issuer (the key in its header is the holder) and a freshness window on
    # iat instead of exp: "expired" is a proof made an hour ago.
    return Acceptor(
        "credentials: OpenID4VCI proof of possession",
        mint,
        accepts,
        ("expired", "wrong-audience", "alg-none", "wrong-key", "tampered"),
    )


ACCEPTORS: tuple[Callable[[], Acceptor], ...] = (agency_assertion, id_token, vci_proof)


def verdicts(acceptor: Acceptor) -> dict[str, bool]:
    """For the valid token and each defect: did it get in?"""
    return {d: acceptor.accepts(acceptor.mint(d)) for d in (VALID, *acceptor.defects)}


def token_negatives() -> Outcome:
    problems: list[str] = []
    refused = 0
    for make in ACCEPTORS:
        acceptor = make()
        answers = verdicts(acceptor)
        if not answers.pop(VALID):
            problems.append(f"{acceptor.name}: the valid token was refused (suite is broken)")
        problems += [
            f"{acceptor.name}: accepted a token that is {d}" for d, ok in answers.items() if ok
        ]
        refused += sum(not ok for ok in answers.values())
    proven = [
        f"{len(ACCEPTORS)} verifiers accepted their valid token and refused {refused} "
        f"forged ones ({', '.join(DEFECTS)})"
    ]
    return Outcome.of(problems, proven)
