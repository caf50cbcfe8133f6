# SPDX-License-Identifier: EUPL-1.2
"""SD-JWT VC (draft-ietf-oauth-sd-jwt-vc): issue `dc+sd-jwt` credentials and check their
registered claims.

Registered claims (`iss`, `vct`, `iat`, `exp`, `cnf`, `status`, …) are always in the
signed payload, never in a disclosure: the verifier reads them before any disclosure
is processed and refuses a disclosure that tries to supply one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lifegate.credentials.errors import CredentialError, Refusal, malformed
from lifegate.credentials.keys import PrivateKey
from lifegate.credentials.sdjwt import Sd, SdJwt, issue_sd_jwt
from lifegate.credentials.vct import TYPES, MetaPath, TypeMetadata, meta_path

VC_TYP = "dc+sd-jwt"
REGISTERED_CLAIMS = frozenset(
    {"iss", "sub", "vct", "vct#integrity", "iat", "nbf", "exp", "cnf", "status", "jti"}
)


@dataclass(frozen=True, slots=True)
class StatusReference:
    """`status.status_list` of a credential: its index in the list published at `uri`."""

    uri: str
    idx: int

    def to_json(self) -> dict[str, Any]:
        return {"status_list": {"idx": self.idx, "uri": self.uri}}


@dataclass(slots=True)  # not frozen: made once per verification (see keys.VerifiedJws)
class VcClaims:
    """The registered claims a verifier relies on, read from the signed payload."""

    iss: str
    vct: str
    holder_jwk: dict[str, Any]
    status: StatusReference | None


def mark_disclosable(value: Any, disclosable: frozenset[MetaPath], path: MetaPath = ()) -> Any:
    """Wrap every claim whose metadata path is disclosable in `Sd` (None: each element)."""
    if isinstance(value, Mapping):
        out = {}
        for name, child in value.items():
            here = (*path, name)
            marked = mark_disclosable(child, disclosable, here)
            out[name] = Sd(marked) if here in disclosable else marked
        return out
    if isinstance(value, list | tuple):
        here = (*path, None)
        marked_items = [mark_disclosable(v, disclosable, here) for v in value]
        return [Sd(v) if here in disclosable else v for v in marked_items]
    return value


def issue_vc(
    metadata: TypeMetadata,
    claims: Mapping[str, Any],
    *,
    issuer: str,
    issuer_key: PrivateKey,
    holder_jwk: Mapping[str, Any],
    iat: int,
    exp: int,
    status: StatusReference | None = None,
    kid: str | None = None,
    decoys: bool = True,
) -> SdJwt:
    """Issue an SD-JWT VC of type `metadata.vct` bound to the holder's public JWK."""
    clash = REGISTERED_CLAIMS.intersection(claims)
    if clash:
        raise ValueError(f"registered claims are set by issue_vc, not passed in: {sorted(clash)}")
    payload: dict[str, Any] = dict(mark_disclosable(claims, metadata.disclosable))
    payload |= {"iss": issuer, "vct": metadata.vct, "iat": iat, "exp": exp}
    payload["cnf"] = {"jwk": dict(holder_jwk)}
    if status is not None:
        payload["status"] = status.to_json()
    header = {"kid": kid} if kid else {}
    return issue_sd_jwt(payload, issuer_key, typ=VC_TYP, decoys=decoys, header=header)


def _time(payload: dict[str, Any], name: str) -> int | None:
    value = payload.get(name)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise malformed(f"{name} must be a NumericDate")
    return int(value)


def check_validity(payload: dict[str, Any], now: int, leeway: int) -> None:
    """`exp`, `nbf` and `iat` against the verifier's clock, with leeway for clock skew."""
    exp, nbf, iat = payload.get("exp"), payload.get("nbf"), payload.get("iat")
    # Integers (the usual case) are taken as they are; anything else goes through `_time`.
    if exp is not None and type(exp) is not int:
        exp = _time(payload, "exp")
    if nbf is not None and type(nbf) is not int:
        nbf = _time(payload, "nbf")
    if iat is not None and type(iat) is not int:
        iat = _time(payload, "iat")
    if exp is not None and now >= exp + leeway:
        raise CredentialError(Refusal.EXPIRED, "the credential has expired")
    if nbf is not None and now + leeway < nbf:
        raise CredentialError(Refusal.NOT_YET_VALID, "the credential is not valid yet")
    if iat is not None and now + leeway < iat:
        raise CredentialError(Refusal.NOT_YET_VALID, "the credential was issued in the future")


def _status(payload: dict[str, Any]) -> StatusReference | None:
    status = payload.get("status")
    if status is None:
        return None
    entry = status.get("status_list") if isinstance(status, dict) else None
    if not isinstance(entry, dict):
        raise malformed("status must hold a status_list reference")
    idx, uri = entry.get("idx"), entry.get("uri")
    if not isinstance(idx, int) or isinstance(idx, bool) or idx < 0 or not isinstance(uri, str):
        raise malformed("status_list needs a non-negative idx and a uri")
    return StatusReference(uri, idx)


def read_vc_claims(header: Mapping[str, Any], payload: dict[str, Any]) -> VcClaims:
    """The SD-JWT VC rules on the header and signed payload, before any disclosure."""
    if header.get("typ") != VC_TYP:
        raise CredentialError(Refusal.WRONG_TYPE, f"typ must be {VC_TYP}")
    iss, vct = payload.get("iss"), payload.get("vct")
    if not isinstance(iss, str) or not isinstance(vct, str):
        raise malformed("iss and vct are required strings")
    cnf = payload.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not isinstance(jwk, dict):
        raise CredentialError(Refusal.MISSING_HOLDER_KEY, "cnf.jwk is required for key binding")
    return VcClaims(iss, vct, jwk, _status(payload))


ClaimLeaf = tuple[tuple[str | int, ...], Any]


def _leaves(value: Any, path: tuple[str | int, ...]) -> list[ClaimLeaf]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*path, i))]
    return [(path, value)]


def visible_claims(vct: str, claims: Mapping[str, Any]) -> list[ClaimLeaf]:
    """What a verifier reads in a presentation's claims (disclosed, and those the issuer
    always shows), as (path, value) leaves: no registered claim (keys, status, times),
    in the order the credential type lists its claims, so every page shows them alike."""
    shown = {k: v for k, v in claims.items() if k not in REGISTERED_CLAIMS}
    listed = TYPES[vct].claims if vct in TYPES else ()
    position = {claim.path: i for i, claim in enumerate(listed)}

    def place(leaf: ClaimLeaf) -> tuple[int, str]:
        return position.get(meta_path(leaf[0]), len(listed)), repr(leaf[0])

    return sorted(_leaves(shown, ()), key=place)
