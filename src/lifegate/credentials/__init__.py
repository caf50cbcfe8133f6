# SPDX-License-Identifier: EUPL-1.2
"""Verifiable credentials: SD-JWT, SD-JWT VC, key binding, Token Status List, DCQL.

This package is the pure core (no Django, no IO); see README.md. The names below are
its public surface; modules not re-exported here are implementation detail.
"""

from lifegate.credentials.dcql import CredentialQuery, Match, match, satisfies
from lifegate.credentials.disclosures import ClaimPath, Disclosure
from lifegate.credentials.errors import CredentialError, Refusal
from lifegate.credentials.keybinding import Freshness, bind, verify_key_binding
from lifegate.credentials.keys import (
    PrivateKey,
    PublicKey,
    generate_private_key,
    public_jwk,
    public_key_from_jwk,
)
from lifegate.credentials.remote_issuers import (
    FetchedKeys,
    IssuerKeys,
    IssuerUnreachableError,
    JwksFetcher,
    RefreshPolicy,
    RemoteIssuers,
)
from lifegate.credentials.sdjwt import Sd, SdJwt, issue_sd_jwt, parse_sd_jwt, present
from lifegate.credentials.statuslist import (
    IndexAllocator,
    Status,
    StatusList,
    StatusListToken,
    parse_status_list_token,
    sign_status_list,
)
from lifegate.credentials.vc import StatusReference, issue_vc
from lifegate.credentials.vct import (
    BIRTH_CERTIFICATE,
    DIPLOMA,
    PID,
    RESIDENCE,
    TYPES,
    TypeMetadata,
)
from lifegate.credentials.verifier import (
    Refused,
    StatusListFetcher,
    TrustedIssuers,
    Verified,
    Verifier,
)

__all__ = [
    "BIRTH_CERTIFICATE",
    "DIPLOMA",
    "PID",
    "RESIDENCE",
    "TYPES",
    "ClaimPath",
    "CredentialError",
    "CredentialQuery",
    "Disclosure",
    "FetchedKeys",
    "Freshness",
    "IndexAllocator",
    "IssuerKeys",
    "IssuerUnreachableError",
    "JwksFetcher",
    "Match",
    "PrivateKey",
    "PublicKey",
    "RefreshPolicy",
    "Refusal",
    "Refused",
    "RemoteIssuers",
    "Sd",
    "SdJwt",
    "Status",
    "StatusList",
    "StatusListFetcher",
    "StatusListToken",
    "StatusReference",
    "TrustedIssuers",
    "TypeMetadata",
    "Verified",
    "Verifier",
    "bind",
    "generate_private_key",
    "issue_sd_jwt",
    "issue_vc",
    "match",
    "parse_sd_jwt",
    "parse_status_list_token",
    "present",
    "public_jwk",
    "public_key_from_jwk",
    "satisfies",
    "sign_status_list",
    "verify_key_binding",
]
