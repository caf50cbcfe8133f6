# SPDX-License-Identifier: EUPL-1.2
"""Signing keys of the issuing organisations and the demo verifiers, generated on first run
in LIFEGATE_HOME/secrets (mode 0600), never in the repository or the database."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

from lifegate.credentials.encoding import b64url_encode, json_dumps
from lifegate.credentials.keys import PrivateKey, generate_private_key, public_jwk

_NAME = re.compile(r"^[a-z0-9-]{1,60}$")


def thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 JWK thumbprint of an EC key (the required members in lexical order)."""
    required = {name: jwk[name] for name in ("crv", "kty", "x", "y")}
    return b64url_encode(hashlib.sha256(json_dumps(required).encode("utf-8")).digest())


@dataclass(frozen=True)
class SigningKey:
    key: PrivateKey
    kid: str

    @property
    def public_jwk(self) -> dict[str, str]:
        return {**public_jwk(self.key), "kid": self.kid, "alg": "ES256", "use": "sig"}


def _write_new(path: Path) -> None:
    pem = generate_private_key().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # O_EXCL: when two processes start at once, one writes and both read the same key.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)


@lru_cache(maxsize=64)
def _load(home: str, name: str) -> SigningKey:
    folder = Path(home) / "secrets"
    folder.mkdir(exist_ok=True, mode=0o700)
    path = folder / f"credentials-{name}.pem"
    if not path.exists():
        _write_new(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError(f"{path} does not hold a P-256 key")
    return SigningKey(key, thumbprint(public_jwk(key)))


def signing_key(name: str) -> SigningKey:
    """The key called `name` (e.g. "issuer-duo", "verifier-leuven"), created the first time."""
    if not _NAME.match(name):
        raise ValueError(f"invalid key name {name!r}")
    return _load(str(settings.HOME), name)
