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


def _write_new(path: Path) -> bool:
    """A new P-256 key at `path` (mode 0600); False when another process wrote it first."""
    pem = generate_private_key().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # O_EXCL: when two processes start at once, one writes and both read the same key.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return True


@lru_cache(maxsize=128)
def _load(path: str, _inode: int, _mtime_ns: int) -> SigningKey:
    """One key file; the inode and mtime in the cache key make a replaced file read again."""
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError(f"{path} does not hold a P-256 key")
    return SigningKey(key, thumbprint(public_jwk(key)))


def _read(path: Path) -> SigningKey:
    found = path.stat()
    return _load(str(path), found.st_ino, found.st_mtime_ns)


def _folder() -> Path:
    folder = Path(settings.HOME) / "secrets"
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder


def _current_path(name: str) -> Path:
    if not _NAME.match(name):
        raise ValueError(f"invalid key name {name!r}")
    return _folder() / f"credentials-{name}.pem"


def signing_key(name: str) -> SigningKey:
    """The key called `name` (e.g. "issuer-duo", "verifier-leuven"), created the first time.
    A key rotated by another process (`lifegate issuer_keys rotate`) is read again here."""
    path = _current_path(name)
    if not path.exists():
        _write_new(path)
    return _read(path)


def published_keys(name: str) -> list[SigningKey]:
    """The current key, then the retired ones still published: what they signed verifies."""
    current = signing_key(name)
    retired = sorted(_current_path(name).parent.glob(f"credentials-{name}.retired-*.pem"))
    return [current, *(_read(path) for path in retired)]


def generation() -> int:
    """Changes whenever a key is created, rotated or withdrawn (the folder's mtime), so a
    process can tell that its copy of the public keys is out of date. One stat: it is asked
    on every verification."""
    try:
        return (Path(settings.HOME) / "secrets").stat().st_mtime_ns
    except FileNotFoundError:  # no key made yet
        return 0


@dataclass(frozen=True)
class Rotation:
    old_kid: str
    new_kid: str
    withdrawn: bool  # the old key is no longer published (compromised), not retired


def rotate(name: str, *, withdraw: bool) -> Rotation:
    """A new current key for `name`. The old one is retired (still published, so what it
    signed stays verifiable) or, with `withdraw`, deleted (nothing it signed verifies)."""
    path = _current_path(name)
    old = signing_key(name)
    if not withdraw:
        os.link(path, path.with_name(f"credentials-{name}.retired-{old.kid}.pem"))
    fresh = path.with_name(f".credentials-{name}.{os.getpid()}.new")
    fresh.unlink(missing_ok=True)
    _write_new(fresh)
    fresh.replace(path)  # atomic: a reader sees the old key or the new, never neither
    return Rotation(old.kid, _read(path).kid, withdraw)
