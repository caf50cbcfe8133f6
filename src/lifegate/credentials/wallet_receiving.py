# SPDX-License-Identifier: EUPL-1.2
"""How the reference wallet takes credentials from an issuer (OpenID4VCI): redeem an offer
(pre-authorised code and transaction code), and later ask for new copies of a credential
whose copies have all been shown (the refresh token that came with the access token). Each
copy is bound to a key of its own. No Django: IO only through the wallet's httpx client.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from lifegate.credentials.errors import CredentialError
from lifegate.credentials.keys import PrivateKey, generate_private_key, public_jwk
from lifegate.credentials.openid4vc import (
    PAUSED_ERROR,
    PRE_AUTHORIZED_GRANT,
    REFRESH_TOKEN_GRANT,
    make_proof,
    parse_offer_link,
)
from lifegate.credentials.wallet_copies import Held, copies_to_ask, with_new_copies
from lifegate.credentials.wallet_copies import held as held_credentials
from lifegate.credentials.wallet_entries import new_entry, payload_of
from lifegate.credentials.wallet_messages import (
    CANNOT_RENEW,
    CODE_REFUSED,
    NO_SUCH_CREDENTIAL,
    NOT_AN_ISSUER,
    NOT_AN_OFFER,
    NOT_FOR_THIS_WALLET,
    NOT_HANDED_OVER,
    NOTHING_SHOWN,
    RENEWAL_PAUSED,
    RENEWAL_REFUSED,
    SERVICE_FAILED,
    TX_CODE_FORM,
    UNREACHABLE,
    WalletError,
)


def _check_tx_code(wanted: object, tx_code: str) -> None:
    """Refuse a code that cannot be the one the offer describes (OpenID4VCI `tx_code`:
    `input_mode`, `length`) before it is sent: the issuer counts every wrong one."""
    spec = wanted if isinstance(wanted, dict) else {}
    numeric = spec.get("input_mode", "numeric") == "numeric"
    length = spec.get("length")
    if numeric and not (tx_code.isascii() and tx_code.isdigit()):
        raise WalletError(TX_CODE_FORM, "the code is digits only")
    if isinstance(length, int) and len(tx_code) != length:
        raise WalletError(TX_CODE_FORM, f"the code has {length} characters")


class Receiving:
    """The wallet's side of issuance. `state["renewals"]` keeps, per credential (its batch),
    the issuer, the credential configuration and the refresh token for new copies."""

    state: dict[str, Any]
    client: httpx.Client

    def held(self) -> list[Held]:
        """Each credential once, however many copies of it the wallet holds."""
        return held_credentials(self.state.get("credentials", []))

    def receive(self, offer_link: str, tx_code: str) -> Held:
        """Redeem an offer link with its transaction code and keep the credential."""
        try:
            offer = parse_offer_link(offer_link)
        except CredentialError as exc:
            raise WalletError(NOT_AN_OFFER, exc.message) from exc
        issuer = offer["credential_issuer"]
        meta, token_endpoint = self._metadata(issuer)
        grant = offer["grants"][PRE_AUTHORIZED_GRANT]
        form = {
            "grant_type": PRE_AUTHORIZED_GRANT,
            "pre-authorized_code": grant["pre-authorized_code"],
        }
        if grant.get("tx_code") is not None:
            _check_tx_code(grant["tx_code"], tx_code)
            form["tx_code"] = tx_code
        token = self._json("POST", token_endpoint, CODE_REFUSED, data=form)
        configuration = str(offer["credential_configuration_ids"][0])
        batch = str(uuid.uuid4())
        wanted = copies_to_ask(meta)
        held = self._take_copies(
            meta, configuration, token, batch, wanted=wanted, refused=NOT_HANDED_OVER
        )
        self._keep_renewal(batch, issuer, configuration, token)
        return held

    def can_renew(self, held: Held) -> bool:
        """Whether its issuer gave a way to ask for new copies of this credential."""
        return held.batch in self.state.get("renewals", {})

    def renew(self, credential_id: str) -> Held:
        """As many new copies of a credential as verifiers have seen, each for a key of its
        own, in place of those. When the issuer refuses the credential (`invalid_grant`,
        `credential_request_denied`), the wallet forgets its refresh token; after any other
        failure it keeps the one it holds (the next one, once the token endpoint gave it),
        a suspension (`temporarily_unavailable`) included."""
        found = next((h for h in self.held() if h.id == credential_id), None)
        if found is None:
            raise WalletError(NO_SUCH_CREDENTIAL, credential_id)
        renewal = self.state.get("renewals", {}).get(found.batch)
        if not isinstance(renewal, dict) or not isinstance(renewal.get("refresh_token"), str):
            raise WalletError(CANNOT_RENEW)
        if found.unshown == found.copies:
            raise WalletError(NOTHING_SHOWN)
        issuer, configuration = str(renewal["issuer"]), str(renewal["configuration"])
        meta, token_endpoint = self._metadata(issuer)
        form = {"grant_type": REFRESH_TOKEN_GRANT, "refresh_token": renewal["refresh_token"]}
        with self._forgotten_if_refused(found.batch, "invalid_grant"):
            token = self._json("POST", token_endpoint, RENEWAL_REFUSED, data=form)
        # The refresh token just used is spent: the next one is kept before anything else.
        self._keep_renewal(found.batch, issuer, configuration, token)
        wanted = min(found.copies - found.unshown, copies_to_ask(meta))
        with self._forgotten_if_refused(found.batch, "credential_request_denied"):
            return self._take_copies(
                meta, configuration, token, found.batch, wanted=wanted, refused=RENEWAL_REFUSED
            )

    @contextmanager
    def _forgotten_if_refused(self, batch: str, refusal: str) -> Iterator[None]:
        try:
            yield
        except WalletError as error:
            if error.code == PAUSED_ERROR:  # suspended: the token serves once it is lifted
                raise WalletError(RENEWAL_PAUSED, error.detail, error.code) from error
            if error.code == refusal:  # final for this credential: no use asking again
                self.state.get("renewals", {}).pop(batch, None)
            raise

    def _keep_renewal(
        self, batch: str, issuer: str, configuration: str, token: dict[str, Any]
    ) -> None:
        renewals = self.state.setdefault("renewals", {})
        refresh_token = token.get("refresh_token")
        if isinstance(refresh_token, str) and refresh_token:
            renewals[batch] = {
                "issuer": issuer,
                "configuration": configuration,
                "refresh_token": refresh_token,
            }
        else:
            renewals.pop(batch, None)

    def _take_copies(
        self,
        meta: dict[str, Any],
        configuration: str,
        token: dict[str, Any],
        batch: str,
        *,
        wanted: int,
        refused: str,
    ) -> Held:
        """Ask for `wanted` copies, one key and proof each, and keep them all (or none)."""
        nonce = self._json("POST", meta["nonce_endpoint"], refused)["c_nonce"]
        # One key per copy: copies shown to different verifiers have nothing in common.
        keys = [generate_private_key() for _ in range(wanted)]
        now, issuer = int(time.time()), str(meta["credential_issuer"])
        body = {
            "credential_configuration_id": configuration,
            "proofs": {"jwt": [make_proof(k, aud=issuer, nonce=nonce, iat=now) for k in keys]},
        }
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        answer = self._json(
            "POST", meta["credential_endpoint"], refused, json=body, headers=headers
        )
        return self._keep_copies(answer.get("credentials"), keys, batch)

    def _keep_copies(self, handed: Any, keys: list[PrivateKey], batch: str) -> Held:
        """Keep every copy handed over, each bound to one of `keys`, all or none; in place
        of the copies of the same credential that some verifier has seen."""
        if not isinstance(handed, list) or not handed or len(handed) > len(keys):
            raise WalletError(NOT_HANDED_OVER, f"{len(keys)} copies asked, not so many handed")
        unused, copies = list(keys), []
        for item in handed:
            text = item.get("credential") if isinstance(item, dict) else None
            payload = payload_of(text)
            bound = (payload.get("cnf") or {}).get("jwk")
            key = next((k for k in unused if public_jwk(k) == bound), None)
            if key is None:  # not one of ours, or a key already used by another copy
                raise WalletError(NOT_FOR_THIS_WALLET, "a copy not bound to a key it was asked for")
            unused.remove(key)
            copies.append(new_entry(str(text), payload, key, batch))
        self.state["credentials"] = with_new_copies(
            self.state.get("credentials", []), batch, copies
        )
        return next(h for h in self.held() if h.batch == batch)

    def _metadata(self, issuer: str) -> tuple[dict[str, Any], str]:
        meta = self._json("GET", f"{issuer}/.well-known/openid-credential-issuer", NOT_AN_ISSUER)
        if meta.get("credential_issuer") != issuer:
            raise WalletError(NOT_AN_ISSUER, "its metadata names another issuer")
        server = (meta.get("authorization_servers") or [issuer])[0]
        oauth = self._json("GET", f"{server}/.well-known/oauth-authorization-server", NOT_AN_ISSUER)
        return meta, str(oauth["token_endpoint"])

    def _json(self, method: str, url: str, refused: str, **kwargs: Any) -> dict[str, Any]:
        """The JSON object `url` answers; else a WalletError saying `refused`."""
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise WalletError(UNREACHABLE, f"{url}: {exc}") from exc
        if response.status_code >= 500:  # their fault, not the link's or the user's
            raise WalletError(SERVICE_FAILED, f"{url} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError as exc:
            raise WalletError(
                refused, f"{url} answered {response.status_code} without JSON"
            ) from exc
        if response.status_code >= 400 or not isinstance(body, dict):
            said = (
                body.get("error_description") or body.get("detail")
                if isinstance(body, dict)
                else ""
            )
            code = body.get("error") if isinstance(body, dict) else None
            raise WalletError(
                refused,
                f"{url} answered {response.status_code}: {said}",
                code if isinstance(code, str) else "",
            )
        return body
