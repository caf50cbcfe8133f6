# SPDX-License-Identifier: EUPL-1.2
"""Signing keys generated on first run into LIFEGATE_HOME/secrets (never in the repository)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from joserfc.jwk import RSAKey

SIGNING_ALG = "RS256"  # NL GOV OIDC profile: RS256 is the algorithm every party supports


def _load_or_create_jwk(path: Path) -> RSAKey:
    if path.exists():
        return RSAKey.import_key(json.loads(path.read_text(encoding="ascii")))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = RSAKey.generate_key(2048, {"use": "sig", "alg": SIGNING_ALG}, private=True, auto_kid=True)
    # O_EXCL: when two processes start at once, exactly one writes and both read its key.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return RSAKey.import_key(json.loads(path.read_text(encoding="ascii")))
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(json.dumps(key.as_dict(private=True)))
    return key


@cache
def _key_at(path: str) -> RSAKey:
    return _load_or_create_jwk(Path(path))


def provider_signing_key() -> RSAKey:
    """The demo eID provider's key for ID tokens."""
    return _key_at(str(settings.HOME / "secrets" / "demo-eid-signing-key.json"))


def portal_client_key() -> RSAKey:
    """The portal's key for `private_key_jwt` at its eID provider."""
    configured = settings.OIDC_CLIENT_KEY
    path = configured or str(settings.HOME / "secrets" / "portal-oidc-client-key.json")
    return _key_at(path)


def public_jwks(*keys: RSAKey) -> dict[str, Any]:
    return {"keys": [key.as_dict(private=False) for key in keys]}
