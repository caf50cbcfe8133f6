# SPDX-License-Identifier: EUPL-1.2
"""CloudEvents 1.0 (NL GOV profile) envelopes, webhook signatures and retry backoff.

Pure: no Django, no IO. Signatures follow the Standard Webhooks scheme: the receiver gets
`webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256>` over
`{id}.{timestamp}.{body}`, keyed with the subscription's secret (`whsec_<base64>`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from typing import Any

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json"
SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix of a secret, not a secret
# A signature older than this is refused by `verify`, so a captured request cannot be replayed.
SIGNATURE_TOLERANCE = dt.timedelta(minutes=5)


def envelope(
    *,
    event_id: str,
    event_type: str,
    source: str,
    subject: str,
    time: dt.datetime,
    data: Mapping[str, Any],
    sequence: int,
) -> dict[str, Any]:
    """A structured-mode CloudEvent as the NL GOV profile describes it.

    `sequence` (an extension attribute the profile lists) lets a receiver order events of
    one source; `id` is unique per event, so a redelivered event is recognisable.
    """
    return {
        "specversion": SPEC_VERSION,
        "id": event_id,
        "source": source,
        "type": event_type,
        "subject": subject,
        "time": time.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "sequence": str(sequence),
        "sequencetype": "Integer",
        "data": dict(data),
    }


def encode(event: Mapping[str, Any]) -> bytes:
    return json.dumps(event, separators=(",", ":"), sort_keys=True).encode()


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value for one delivery."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_headers(
    secret: str, message_id: str, now: dt.datetime, body: bytes
) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "content-type": CONTENT_TYPE,
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }


def verify(secret: str, headers: Mapping[str, str], body: bytes, now: dt.datetime) -> bool:
    """What a receiver does: check the signature and that it is recent."""
    try:
        message_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        offered = headers["webhook-signature"].split(" ")
    except (KeyError, ValueError):
        return False
    age = abs(now.timestamp() - timestamp)
    if age > SIGNATURE_TOLERANCE.total_seconds():
        return False
    expected = sign(secret, message_id, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in offered)


def backoff(attempts: int, base_seconds: float, cap_seconds: float = 3600.0) -> float:
    """Seconds to wait before attempt `attempts + 1`: exponential, capped.

    >>> [backoff(n, 10) for n in (1, 2, 3)]
    [10.0, 20.0, 40.0]
    """
    return float(min(cap_seconds, base_seconds * 2 ** max(0, attempts - 1)))
