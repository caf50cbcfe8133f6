# SPDX-License-Identifier: EUPL-1.2
"""The reference wallet: receives credentials with OpenID4VCI (pre-authorised code and
transaction code) and presents them with OpenID4VP (signed request, DCQL, direct_post),
disclosing only what a request asks. No Django: its state is a JSON-able dict the caller
keeps (a file for `lifegate wallet`, the browser session for the portal's wallet page),
and every call goes through the httpx client it is given.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric import ec

from lifegate.credentials.dcql import Match, match
from lifegate.credentials.disclosures import reconstruct
from lifegate.credentials.encoding import b64url_decode, b64url_encode
from lifegate.credentials.errors import CredentialError
from lifegate.credentials.keybinding import bind
from lifegate.credentials.keys import (
    PrivateKey,
    generate_private_key,
    public_jwk,
    public_key_from_jwk,
)
from lifegate.credentials.openid4vc import (
    PRE_AUTHORIZED_GRANT,
    make_proof,
    parse_offer_link,
    parse_presentation_link,
    read_request_object,
)
from lifegate.credentials.sdjwt import parse_sd_jwt
from lifegate.credentials.wallet_copies import Entry, Held, copies_to_ask
from lifegate.credentials.wallet_copies import held as held_credentials
from lifegate.credentials.wallet_messages import (
    ANSWER_REFUSED,
    CODE_REFUSED,
    DAMAGED_KEY,
    NO_MATCHING_CREDENTIAL,
    NOT_A_REQUEST,
    NOT_AN_ISSUER,
    NOT_AN_OFFER,
    NOT_FOR_THIS_WALLET,
    NOT_HANDED_OVER,
    SERVICE_FAILED,
    UNKNOWN_VERIFIER,
    UNREACHABLE,
    UNTRUSTED_REQUEST,
    WalletError,
)

__all__ = [
    "HISTORY_KEPT",
    "ClaimRow",
    "Held",
    "PendingPresentation",
    "Shared",
    "Wallet",
    "WalletError",
]

ClaimRow = tuple[tuple[str | int, ...], Any]
HISTORY_KEPT = 100  # presentations the wallet keeps a note of, the latest first


@dataclass(frozen=True)
class Shared:
    """One request this wallet answered: when, to whom, and each claim it disclosed; or,
    when the holder declined, that nothing was (`claims` empty)."""

    at: dt.datetime
    client_id: str
    names: dict[str, str]  # the verifier's name by language, as the register gave it
    claims: list[tuple[str, ClaimRow]]  # (vct, (path, value))
    declined: bool = False

    def name(self, language: str) -> str:
        return self.names.get(language) or next(iter(self.names.values()), self.client_id)


@dataclass(frozen=True)
class PendingPresentation:
    """A verified request and the minimal disclosures that answer it, not yet sent."""

    client_id: str
    client_name: str
    request: dict[str, Any]
    matches: dict[str, Match]
    names: dict[str, str] = field(default_factory=dict)  # the verifier's name by language
    copies: dict[str, str] = field(default_factory=dict)  # query id -> the copy shown (its id)
    shown_before: bool = False  # a copy some verifier has seen already must be shown

    def disclosed(self) -> list[tuple[str, ClaimRow]]:
        """(vct, (path, value)) of every claim the holder would reveal."""
        rows = []
        for found in self.matches.values():
            shown = found.presentation
            payload = shown.unverified_payload()
            claims = reconstruct(payload, shown.disclosures)
            for path in claims.paths.values():
                value = _at(claims.claims, path)
                if not isinstance(value, dict | list):
                    rows.append((str(payload.get("vct", "")), (path, value)))
        return rows


def _at(claims: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        claims = claims[step]
    return claims


def _payload(text: Any) -> dict[str, Any]:
    """The (unverified) payload of a credential handed to this wallet."""
    try:
        return parse_sd_jwt(text).unverified_payload()
    except CredentialError as exc:
        raise WalletError(NOT_FOR_THIS_WALLET, f"not an SD-JWT: {exc}") from exc


def _entry(text: str, payload: dict[str, Any], key: PrivateKey | None, batch: str | None) -> Entry:
    """A wallet entry for one copy (see wallet_copies); `key` None: the wallet's key."""
    entry: Entry = {
        "id": str(uuid.uuid4()),
        "vct": str(payload.get("vct")),
        "issuer": str(payload.get("iss")),
        "credential": text,
        "received_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if key is not None:
        entry |= {"key": _private_jwk(key), "batch": batch}
    return entry


def _private_jwk(key: PrivateKey) -> dict[str, str]:
    d = key.private_numbers().private_value.to_bytes(32, "big")
    return {**public_jwk(key), "d": b64url_encode(d)}


def _key_from_private_jwk(jwk: dict[str, str]) -> PrivateKey:
    key = ec.derive_private_key(int.from_bytes(b64url_decode(jwk["d"]), "big"), ec.SECP256R1())
    if public_jwk(key) != {k: jwk[k] for k in ("kty", "crv", "x", "y")}:
        raise WalletError(DAMAGED_KEY)
    return key


class Wallet:
    def __init__(self, state: dict[str, Any], client: httpx.Client, registry: str) -> None:
        self.state = state
        self.client = client
        self.registry = registry.rstrip("/")
        if "holder_key" not in state:
            state["holder_key"] = _private_jwk(generate_private_key())
            state["credentials"] = []
        self.key = _key_from_private_jwk(state["holder_key"])

    def held(self) -> list[Held]:
        """Each credential once, however many copies of it the wallet holds."""
        return held_credentials(self.state.get("credentials", []))

    def _copy(self, copy_id: str | None) -> Entry:
        copies: list[Entry] = self.state.get("credentials", [])
        for copy in copies:
            if copy["id"] == copy_id:
                return copy
        raise WalletError(NO_MATCHING_CREDENTIAL, "the copy chosen for it is gone")

    def _key_of(self, copy: Entry) -> PrivateKey:
        """A copy's own holder key; the wallet's key for credentials kept without one."""
        return _key_from_private_jwk(copy["key"]) if "key" in copy else self.key

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
            raise WalletError(refused, f"{url} answered {response.status_code}: {said}")
        return body

    def _metadata(self, issuer: str) -> tuple[dict[str, Any], str]:
        meta = self._json("GET", f"{issuer}/.well-known/openid-credential-issuer", NOT_AN_ISSUER)
        if meta.get("credential_issuer") != issuer:
            raise WalletError(NOT_AN_ISSUER, "its metadata names another issuer")
        server = (meta.get("authorization_servers") or [issuer])[0]
        oauth = self._json("GET", f"{server}/.well-known/oauth-authorization-server", NOT_AN_ISSUER)
        return meta, str(oauth["token_endpoint"])

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
            form["tx_code"] = tx_code
        token = self._json("POST", token_endpoint, CODE_REFUSED, data=form)
        nonce = self._json("POST", meta["nonce_endpoint"], NOT_HANDED_OVER)["c_nonce"]
        # One key per copy: copies shown to different verifiers have nothing in common.
        keys = [generate_private_key() for _ in range(copies_to_ask(meta))]
        now = int(time.time())
        body = {
            "credential_configuration_id": offer["credential_configuration_ids"][0],
            "proofs": {"jwt": [make_proof(k, aud=issuer, nonce=nonce, iat=now) for k in keys]},
        }
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        answer = self._json(
            "POST", meta["credential_endpoint"], NOT_HANDED_OVER, json=body, headers=headers
        )
        return self._keep_copies(answer.get("credentials"), keys)

    def _keep_copies(self, handed: Any, keys: list[PrivateKey]) -> Held:
        """Keep every copy handed over, each bound to one of `keys`; all or none."""
        if not isinstance(handed, list) or not handed or len(handed) > len(keys):
            raise WalletError(NOT_HANDED_OVER, f"{len(keys)} copies asked, not so many handed")
        batch, unused, copies = str(uuid.uuid4()), list(keys), []
        for item in handed:
            text = item.get("credential") if isinstance(item, dict) else None
            payload = _payload(text)
            bound = (payload.get("cnf") or {}).get("jwk")
            key = next((k for k in unused if public_jwk(k) == bound), None)
            if key is None:  # not one of ours, or a key already used by another copy
                raise WalletError(NOT_FOR_THIS_WALLET, "a copy not bound to a key it was asked for")
            unused.remove(key)
            copies.append(_entry(str(text), payload, key, batch))
        self.state.setdefault("credentials", []).extend(copies)
        return self.held()[-1]

    def keep(self, text: str) -> Held:
        """Keep a credential bound to this wallet's key, however it was handed over."""
        payload = _payload(text)
        if (payload.get("cnf") or {}).get("jwk") != public_jwk(self.key):
            raise WalletError(NOT_FOR_THIS_WALLET, "not bound to this wallet's key")
        self.state.setdefault("credentials", []).append(_entry(text, payload, None, None))
        return self.held()[-1]

    def prepare(self, presentation_link: str, language: str = "en") -> PendingPresentation:
        """Fetch and verify a request, and choose the fewest disclosures that answer it.

        The verifier is named as the register of verifiers names it, in `language` where
        the register has it: not as the request names itself, which the verifier writes."""
        try:
            client_id, request_uri = parse_presentation_link(presentation_link)
        except CredentialError as exc:
            raise WalletError(NOT_A_REQUEST, exc.message) from exc
        registration = self._json(
            "GET", f"{self.registry}/credentials/verifiers/{client_id}", UNKNOWN_VERIFIER
        )
        try:
            keys = [public_key_from_jwk(dict(k)) for k in registration["jwks"]["keys"]]
            jwt = self.client.get(request_uri).text.strip()
            request = read_request_object(jwt, keys, client_id=client_id, now=int(time.time()))
            held = {h.credential.jwt: h for h in self.held()}  # each with its next copy
            found = match(request["dcql_query"], [h.credential for h in held.values()])
        except (CredentialError, KeyError, httpx.HTTPError) as exc:
            raise WalletError(UNTRUSTED_REQUEST, str(exc)) from exc
        if found is None:
            raise WalletError(NO_MATCHING_CREDENTIAL)
        names = {
            tag: str(registration[f"client_name#{tag}"])
            for tag in ("nl", "en")
            if registration.get(f"client_name#{tag}")
        }
        name = names.get(language) or str(registration.get("client_name") or client_id)
        chosen = {query_id: held[m.credential.jwt] for query_id, m in found.items()}
        return PendingPresentation(
            client_id,
            name,
            request,
            found,
            names or {language: name},
            copies={query_id: h.next_copy for query_id, h in chosen.items()},
            shown_before=any(h.unshown == 0 for h in chosen.values()),
        )

    def send(self, pending: PendingPresentation) -> dict[str, Any]:
        """Bind each chosen presentation to this request and post it (direct_post)."""
        request, now = pending.request, int(time.time())
        shown = {query_id: self._copy(pending.copies.get(query_id)) for query_id in pending.matches}
        vp_token = {
            query_id: [
                bind(
                    m.presentation,
                    self._key_of(shown[query_id]),
                    nonce=request["nonce"],
                    aud=pending.client_id,
                    iat=now,
                ).serialize()
            ]
            for query_id, m in pending.matches.items()
        }
        form = {"vp_token": json.dumps(vp_token), "state": request["state"]}
        # Shown from the moment it leaves, whatever the answer: a verifier that refuses it,
        # or answers too late, has seen it all the same.
        for copy in shown.values():
            copy["used_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        answer = self._json("POST", request["response_uri"], ANSWER_REFUSED, data=form)
        self._remember(pending)  # the note of what was shared: once the verifier took it
        return answer

    def decline(self, pending: PendingPresentation) -> None:
        """The holder said no: nothing is sent, and the wallet notes that it was asked."""
        self._remember(pending, declined=True)

    def _remember(self, pending: PendingPresentation, *, declined: bool = False) -> None:
        """Keep a record of who asked and what was shared, for the holder to look back on;
        the latest HISTORY_KEPT only, so a wallet kept in a browser session stays small."""
        shared = self.state.setdefault("shared", [])
        del shared[: max(0, len(shared) - HISTORY_KEPT + 1)]
        claims = [] if declined else pending.disclosed()
        shared.append(
            {
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "client_id": pending.client_id,
                "names": pending.names,
                "claims": [
                    {"vct": vct, "path": list(path), "value": value}
                    for vct, (path, value) in claims
                ],
                "declined": declined,
            }
        )

    def history(self) -> list[Shared]:
        """The requests this wallet answered or declined, newest first (a note it cannot
        read is left out)."""
        notes = []
        for entry in reversed(self.state.get("shared", [])):
            try:
                notes.append(
                    Shared(
                        dt.datetime.fromisoformat(entry["at"]),
                        str(entry["client_id"]),
                        {str(k): str(v) for k, v in entry["names"].items()},
                        [(c["vct"], (tuple(c["path"]), c["value"])) for c in entry["claims"]],
                        entry.get("declined") is True,
                    )
                )
            except (AttributeError, KeyError, TypeError, ValueError):
                continue  # a wallet file edited by hand
        return notes
