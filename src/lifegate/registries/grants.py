# SPDX-License-Identifier: EUPL-1.2
"""What a registry accepts: a grant the exchange issued for this registry, these fields and
these data subjects, not yet expired. HMAC-SHA256 over the grant's JSON.

Only `lifegate.exchange` issues grants (a test checks that nothing else reads the key);
the registries only verify them. The grant names data subjects by keyed hash only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from lifegate.config.secrets import load_or_create_secret

KEY_NAME = "exchange-grant-key"


class GrantRefusedError(Exception):
    """The call has no grant, or one that does not cover it; `reason` is stable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Grant:
    registry: str
    fields: tuple[str, ...]
    subjects: tuple[str, ...]  # keyed hashes of the identifiers
    activity: str
    organisation: str
    expires: float


_keys: dict[Path, bytes] = {}


def grant_key() -> bytes:
    home = Path(settings.HOME)
    if home not in _keys:
        _keys[home] = load_or_create_secret(home, KEY_NAME).encode()
    return _keys[home]


def subject_tag(identifier: str) -> str:
    digest = hmac.new(grant_key(), b"grant-subject:" + identifier.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(grant: Grant) -> str:
    body = json.dumps(
        [
            grant.registry,
            grant.fields,
            grant.subjects,
            grant.activity,
            grant.organisation,
            grant.expires,
        ],
        separators=(",", ":"),
    ).encode()
    mac = hmac.new(grant_key(), body, hashlib.sha256).digest()
    return f"{_b64(body)}.{_b64(mac)}"


def decode(token: str) -> Grant:
    body_text, _, mac_text = token.partition(".")
    try:
        body, mac = _unb64(body_text), _unb64(mac_text)
    except ValueError as exc:
        raise GrantRefusedError("grant-malformed") from exc
    if not hmac.compare_digest(hmac.new(grant_key(), body, hashlib.sha256).digest(), mac):
        raise GrantRefusedError("grant-forged")
    registry, fields, subjects, activity, organisation, expires = json.loads(body)
    return Grant(registry, tuple(fields), tuple(subjects), activity, organisation, expires)


def check(
    token: str, registry: str, fields: tuple[str, ...], identifiers: tuple[str, ...]
) -> Grant:
    """The grant if it covers this call; raises `GrantRefusedError` naming why not."""
    if not token:
        raise GrantRefusedError("grant-missing")
    grant = decode(token)
    if grant.expires < time.time():
        raise GrantRefusedError("grant-expired")
    if grant.registry != registry:
        raise GrantRefusedError("grant-other-registry")
    if not set(fields) <= set(grant.fields):
        raise GrantRefusedError("grant-field-not-covered")
    if not {subject_tag(i) for i in identifiers} <= set(grant.subjects):
        raise GrantRefusedError("grant-subject-not-covered")
    return grant
