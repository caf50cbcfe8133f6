# SPDX-License-Identifier: EUPL-1.2
"""Factories for the credentials tests: a demo issuer, holder, status list and verifier."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lifegate.credentials import (
    DIPLOMA,
    IndexAllocator,
    PrivateKey,
    Refused,
    SdJwt,
    Status,
    StatusList,
    StatusReference,
    TrustedIssuers,
    TypeMetadata,
    Verified,
    Verifier,
    bind,
    generate_private_key,
    issue_vc,
    present,
    public_jwk,
    sign_status_list,
)
from lifegate.credentials.sdjwt import QueryPath

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
ISSUER = "https://duo.example"
AUD = "https://university.example"
NONCE = "n-0S6_WzA2Mj"
STATUS_URI = "https://duo.example/status-lists/1"
KID = "duo-2026"

DIPLOMA_CLAIMS: dict[str, Any] = {
    "family_name": "Jansen",
    "given_name": "Eva",
    "birthdate": "2001-04-12",
    "degree": "Master of Science",
    "programme": "Computer Science",
    "programme_code": "66352",
    "institution": "Technische Universiteit Delft",
    "institution_code": "21PF",
    "awarded_on": "2025-08-29",
    "eqf_level": 7,
}
PID_CLAIMS: dict[str, Any] = {
    "family_name": "García",
    "given_name": "Lucía",
    "birthdate": "1998-11-03",
    "place_of_birth": {"locality": "Sevilla", "country": "ES"},
    "nationalities": ["ES", "NL"],
    "address": {"street_address": "Oudegracht", "house_number": "12", "locality": "Utrecht"},
    "age_equal_or_over": {"18": True},
    "issuing_authority": "RvIG",
    "issuing_country": "NL",
}
RESIDENCE_CLAIMS: dict[str, Any] = {
    "family_name": "Jansen",
    "given_name": "Eva",
    "birthdate": "2001-04-12",
    "address": {"street_address": "Coolsingel", "house_number": "40", "postal_code": "3011AD"},
    "municipality": "Rotterdam",
    "municipality_code": "0599",
    "resident_since": "2019-09-01",
}
BIRTH_CLAIMS: dict[str, Any] = {
    "family_name": "de Vries",
    "given_name": "Noah",
    "birthdate": "2026-01-01",
    "place_of_birth": {"locality": "Groningen", "country": "NL"},
    "sex": 1,
    "parents": [
        {"family_name": "de Vries", "given_name": "Sanne"},
        {"family_name": "Bakker", "given_name": "Daan"},
    ],
    "municipality": "Groningen",
    "record_number": "2026-0001",
}


@dataclass
class FakeStatusLists:
    """A status-list fetcher that serves prepared tokens and records what was asked."""

    tokens: dict[str, str] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def fetch(self, uri: str) -> str:
        self.calls.append(uri)
        if uri not in self.tokens:
            raise ConnectionError(f"no status list at {uri}")
        return self.tokens[uri]


@dataclass
class Demo:
    """One issuer with a status list, one holder, and a verifier that trusts the issuer."""

    issuer_key: PrivateKey = field(default_factory=generate_private_key)
    holder_key: PrivateKey = field(default_factory=generate_private_key)
    statuses: StatusList = field(default_factory=lambda: StatusList(4096, bits=2))
    allocator: IndexAllocator = field(default_factory=lambda: IndexAllocator(4096))

    def credential(
        self,
        metadata: TypeMetadata = DIPLOMA,
        claims: Mapping[str, Any] = DIPLOMA_CLAIMS,
        *,
        exp: int = NOW + 3600,
        holder_key: PrivateKey | None = None,
        status: bool = True,
    ) -> SdJwt:
        reference = StatusReference(STATUS_URI, self.allocator.allocate()) if status else None
        return issue_vc(
            metadata,
            claims,
            issuer=ISSUER,
            issuer_key=self.issuer_key,
            holder_jwk=public_jwk(holder_key or self.holder_key),
            iat=NOW - 60,
            exp=exp,
            status=reference,
            kid=KID,
        )

    def presentation(
        self,
        credential: SdJwt,
        paths: Sequence[QueryPath] = (("degree",), ("institution",)),
        *,
        nonce: str = NONCE,
        aud: str = AUD,
        iat: int = NOW,
        holder_key: PrivateKey | None = None,
    ) -> SdJwt:
        shown = present(credential, paths)
        return bind(shown, holder_key or self.holder_key, nonce=nonce, aud=aud, iat=iat)

    def set_status(self, credential: SdJwt, status: Status) -> None:
        self.statuses.set(credential.unverified_payload()["status"]["status_list"]["idx"], status)

    def status_token(self, *, iat: int = NOW - 10, ttl: int = 300) -> str:
        return sign_status_list(
            self.statuses, uri=STATUS_URI, key=self.issuer_key, iat=iat, exp=iat + 3600, ttl=ttl
        )

    def check(self, presentation: SdJwt, verifier: Verifier | None = None) -> Verified | Refused:
        """Verify for the standard request (NONCE, AUD) with a fresh or given verifier."""
        return (verifier or self.verifier()).verify(presentation.serialize(), nonce=NONCE, aud=AUD)

    def verifier(self, *, now: int = NOW, fetcher: FakeStatusLists | None = None) -> Verifier:
        trusted = TrustedIssuers.from_jwks({ISSUER: [public_jwk(self.issuer_key) | {"kid": KID}]})
        lists = fetcher or FakeStatusLists({STATUS_URI: self.status_token(iat=now - 10)})
        return Verifier(trusted, lists, lambda: now)
