# SPDX-License-Identifier: EUPL-1.2
"""The reference wallet: receives credentials with OpenID4VCI (pre-authorised code and
transaction code; new copies with a refresh token, see `wallet_receiving`) and presents
them with OpenID4VP (signed request, DCQL, direct_post),
disclosing only what a request asks. No Django: its state is a JSON-able dict the caller
keeps (a file for `lifegate wallet`, the browser session for the portal's wallet page),
and every call goes through the httpx client it is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from lifegate.credentials.dcql import CredentialQuery, Match, match
from lifegate.credentials.disclosures import reconstruct
from lifegate.credentials.errors import CredentialError
from lifegate.credentials.keybinding import bind
from lifegate.credentials.keys import (
    PrivateKey,
    generate_private_key,
    public_jwk,
    public_key_from_jwk,
)
from lifegate.credentials.openid4vc import (
    DECLINED,
    parse_presentation_link,
    read_request_object,
)
from lifegate.credentials.vc import visible_claims
from lifegate.credentials.wallet_copies import Entry, Held
from lifegate.credentials.wallet_entries import (
    key_from_private_jwk,
    new_entry,
    payload_of,
    private_jwk,
)
from lifegate.credentials.wallet_messages import (
    ANSWER_REFUSED,
    NO_MATCHING_CREDENTIAL,
    NOT_A_REQUEST,
    NOT_FOR_THIS_WALLET,
    NOT_WHAT_IS_ASKED,
    REQUEST_CLOSED,
    UNKNOWN_VERIFIER,
    UNTRUSTED_REQUEST,
    WalletError,
)
from lifegate.credentials.wallet_receiving import Receiving

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
        """(vct, (path, value)) of every claim the verifier would read: those disclosed
        and those the issuer shows always (such as the PID's issuing authority)."""
        rows = []
        for found in self.matches.values():
            shown = found.presentation
            payload = shown.unverified_payload()
            vct = str(payload.get("vct", ""))
            claims = reconstruct(payload, shown.disclosures).claims
            rows += [(vct, leaf) for leaf in visible_claims(vct, claims)]
        return rows


def _why_none(query: Any, held: list[Held]) -> str:
    """Why no credential answers: none of the kind asked, or one that says otherwise (Mila,
    17, holds a PID, but not one saying she is 18 or older)."""
    kinds = {h.vct for h in held}
    asked = []  # per credential asked for: the kinds that would do
    for credential in query.get("credentials", ()) if isinstance(query, dict) else ():
        with contextlib.suppress(CredentialError):
            asked.append(set(CredentialQuery.parse(credential).vct_values or ()))
    every_kind_held = bool(asked) and all(wanted & kinds for wanted in asked)
    return NOT_WHAT_IS_ASKED if every_kind_held else NO_MATCHING_CREDENTIAL


class Wallet(Receiving):
    """The holder's wallet: `receive` and `renew` (see `wallet_receiving`), `keep`, `held`,
    `prepare`, `send`, `decline` and `history`."""

    def __init__(self, state: dict[str, Any], client: httpx.Client, registry: str) -> None:
        self.state = state
        self.client = client
        self.registry = registry.rstrip("/")
        if "holder_key" not in state:
            state["holder_key"] = private_jwk(generate_private_key())
            state["credentials"] = []
        self.key = key_from_private_jwk(state["holder_key"])

    def _copy(self, copy_id: str | None) -> Entry:
        copies: list[Entry] = self.state.get("credentials", [])
        for copy in copies:
            if copy["id"] == copy_id:
                return copy
        raise WalletError(NO_MATCHING_CREDENTIAL, "the copy chosen for it is gone")

    def _key_of(self, copy: Entry) -> PrivateKey:
        """A copy's own holder key; the wallet's key for credentials kept without one."""
        return key_from_private_jwk(copy["key"]) if "key" in copy else self.key

    def keep(self, text: str) -> Held:
        """Keep a credential bound to this wallet's key, however it was handed over."""
        payload = payload_of(text)
        if (payload.get("cnf") or {}).get("jwk") != public_jwk(self.key):
            raise WalletError(NOT_FOR_THIS_WALLET, "not bound to this wallet's key")
        self.state.setdefault("credentials", []).append(new_entry(text, payload, None, None))
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
            jwt = self._request_object(request_uri)
            request = read_request_object(jwt, keys, client_id=client_id, now=int(time.time()))
            held = {h.credential.jwt: h for h in self.held()}  # each with its next copy
            found = match(request["dcql_query"], [h.credential for h in held.values()])
        except (CredentialError, KeyError, httpx.HTTPError) as exc:
            raise WalletError(UNTRUSTED_REQUEST, str(exc)) from exc
        if found is None:
            # The verifier hears "access_denied" at once, as when the holder declines:
            # a desk that waited in one case and not the other would learn which it was.
            self._tell_nothing_shared(request)
            raise WalletError(_why_none(request["dcql_query"], list(held.values())))
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

    def _request_object(self, request_uri: str) -> str:
        """The signed request at `request_uri`; a request no longer open is said so."""
        answer = self.client.get(request_uri)
        if answer.status_code in {404, 410}:  # answered already (a back button) or expired
            raise WalletError(REQUEST_CLOSED, f"{request_uri} answered {answer.status_code}")
        if answer.status_code != 200:
            raise WalletError(UNTRUSTED_REQUEST, f"{request_uri} answered {answer.status_code}")
        return answer.text.strip()

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
        """The holder said no: no credential is sent, the verifier is told so (its page
        stops waiting), and the wallet notes that it was asked."""
        self._remember(pending, declined=True)
        self._tell_nothing_shared(pending.request)

    def _tell_nothing_shared(self, request: dict[str, Any]) -> None:
        """OpenID4VP error response `access_denied`: declined, or nothing that answers
        (the same answer for both, so the verifier cannot tell them apart)."""
        form = {"error": DECLINED, "state": str(request.get("state", ""))}
        # Not told (unreachable), the verifier's request simply expires: nothing was shared.
        with contextlib.suppress(WalletError):
            self._json("POST", str(request["response_uri"]), ANSWER_REFUSED, data=form)

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
