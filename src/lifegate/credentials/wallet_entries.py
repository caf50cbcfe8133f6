# SPDX-License-Identifier: EUPL-1.2
"""The reference wallet's entries (one per copy, see `wallet_copies`) and the private keys
it keeps in them, as JWKs. Pure: no Django, no IO."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from lifegate.credentials.encoding import b64url_decode, b64url_encode
from lifegate.credentials.errors import CredentialError
from lifegate.credentials.keys import PrivateKey, public_jwk
from lifegate.credentials.sdjwt import parse_sd_jwt
from lifegate.credentials.wallet_copies import Entry
from lifegate.credentials.wallet_messages import DAMAGED_KEY, NOT_FOR_THIS_WALLET, WalletError


def payload_of(text: Any) -> dict[str, Any]:
    """The (unverified) payload of a credential handed to this wallet."""
    try:
        return parse_sd_jwt(text).unverified_payload()
    except CredentialError as exc:
        raise WalletError(NOT_FOR_THIS_WALLET, f"not an SD-JWT: {exc}") from exc


def new_entry(
    text: str, payload: dict[str, Any], key: PrivateKey | None, batch: str | None
) -> Entry:
    """A wallet entry for one copy; `key` None: the wallet's own key."""
    entry: Entry = {
        "id": str(uuid.uuid4()),
        "vct": str(payload.get("vct")),
        "issuer": str(payload.get("iss")),
        "credential": text,
        "received_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if key is not None:
        entry |= {"key": private_jwk(key), "batch": batch}
    return entry


def private_jwk(key: PrivateKey) -> dict[str, str]:
    d = key.private_numbers().private_value.to_bytes(32, "big")
    return {**public_jwk(key), "d": b64url_encode(d)}


def key_from_private_jwk(jwk: dict[str, str]) -> PrivateKey:
    key = ec.derive_private_key(int.from_bytes(b64url_decode(jwk["d"]), "big"), ec.SECP256R1())
    if public_jwk(key) != {k: jwk[k] for k in ("kty", "crv", "x", "y")}:
        raise WalletError(DAMAGED_KEY)
    return key
