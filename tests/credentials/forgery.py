# SPDX-License-Identifier: EUPL-1.2
"""A forger: turns valid presentations into systematically and randomly broken ones.

The forger plays a malicious holder (it owns the holder key, so it re-signs key-binding
JWTs over whatever it tampered with) and, for structural cases, a careless issuer whose
trusted key signs payloads no correct issuer would produce.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from lifegate.credentials import (
    Disclosure,
    PrivateKey,
    SdJwt,
    Status,
    bind,
    present,
)
from lifegate.credentials.encoding import b64url_encode, json_b64, json_dumps
from lifegate.credentials.keys import sign_jws
from tests.credentials.credentials_factory import (
    AUD,
    KID,
    NONCE,
    NOW,
    STATUS_URI,
    Demo,
)

PATHS = [("degree",), ("institution",), ("given_name",), ("awarded_on",), ("eqf_level",)]
Forge = Callable[["Forger", int], str]


def unsigned(header: dict[str, Any], payload: dict[str, Any], signature: bytes) -> str:
    return f"{json_b64(header)}.{json_b64(payload)}.{b64url_encode(signature)}"


def es256(header: dict[str, Any], payload: dict[str, Any], key: PrivateKey) -> str:
    """ES256 over any header at all: joserfc rightly refuses to sign the odd ones."""
    signing_input = f"{json_b64(header | {'alg': 'ES256'})}.{json_b64(payload)}"
    der = key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return f"{signing_input}.{b64url_encode(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def hs256(header: dict[str, Any], payload: dict[str, Any], secret: bytes) -> str:
    signing_input = f"{json_b64(header)}.{json_b64(payload)}"
    mac = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{b64url_encode(mac)}"


@dataclass
class Forger:
    demo: Demo
    rng: random.Random
    pool: list[SdJwt] = field(default_factory=list)
    revoked: list[SdJwt] = field(default_factory=list)
    suspended: list[SdJwt] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.pool = [self.demo.credential() for _ in range(20)]
        self.revoked = [self.demo.credential() for _ in range(20)]
        self.suspended = [self.demo.credential() for _ in range(20)]
        for credential in self.revoked:
            self.demo.set_status(credential, Status.INVALID)
        for credential in self.suspended:
            self.demo.set_status(credential, Status.SUSPENDED)

    # -- helpers ---------------------------------------------------------------------------
    def credential(self) -> SdJwt:
        return self.rng.choice(self.pool)

    def paths(self) -> list[tuple[str, ...]]:
        return self.rng.sample(PATHS, self.rng.randint(1, len(PATHS)))

    def shown(self, credential: SdJwt | None = None) -> SdJwt:
        return present(credential or self.credential(), self.paths())

    def bound(self, presentation: SdJwt, **change: Any) -> str:
        args: dict[str, Any] = {"nonce": NONCE, "aud": AUD, "iat": NOW} | change
        key = args.pop("key", self.demo.holder_key)
        return bind(presentation, key, **args).serialize()

    def payload(self, **change: Any) -> dict[str, Any]:
        """A correct diploma payload (no disclosures), to be altered and re-signed."""
        payload = dict(self.credential().unverified_payload())
        payload.pop("_sd", None)
        return payload | change

    def issued(
        self,
        payload: dict[str, Any],
        header: dict[str, Any] | None = None,
        key: PrivateKey | None = None,
    ) -> str:
        """Sign `payload` with the trusted key (or `key`) and bind an empty presentation."""
        head = {"typ": "dc+sd-jwt", "kid": KID} | (header or {})
        jwt = es256(head, payload, key or self.demo.issuer_key)
        return self.bound(SdJwt(jwt, ()))

    def with_disclosures(self, payload: dict[str, Any], disclosures: list[Disclosure]) -> str:
        jwt = sign_jws(
            {"typ": "dc+sd-jwt", "kid": KID}, json_dumps(payload).encode(), self.demo.issuer_key
        )
        return self.bound(SdJwt(jwt, tuple(disclosures)))

    @property
    def status_uri(self) -> str:
        return STATUS_URI

    def random_value(self) -> Any:
        return self.rng.choice(
            [
                self.rng.randint(-(10**6), 10**6),
                "PhD",
                "Harvard",
                True,
                None,
                [1],
                {"a": 1},
                "".join(self.rng.choice("abcé€😀") for _ in range(self.rng.randint(0, 9))),
            ]
        )
