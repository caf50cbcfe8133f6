# SPDX-License-Identifier: EUPL-1.2
"""The one typed error of the credentials core, and the reasons a verifier refuses."""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    """Why a presentation, credential or status list was refused; stable for logs and APIs."""

    MALFORMED = "malformed"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    WRONG_TYPE = "wrong_type"
    UNTRUSTED_ISSUER = "untrusted_issuer"
    ISSUER_KEYS_UNAVAILABLE = "issuer_keys_unavailable"
    BAD_SIGNATURE = "bad_signature"
    INVALID_DISCLOSURE = "invalid_disclosure"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    MISSING_HOLDER_KEY = "missing_holder_key"
    KEY_BINDING_MISSING = "key_binding_missing"
    KEY_BINDING_INVALID = "key_binding_invalid"
    SD_HASH_MISMATCH = "sd_hash_mismatch"
    NONCE_MISMATCH = "nonce_mismatch"
    AUDIENCE_MISMATCH = "audience_mismatch"
    KEY_BINDING_STALE = "key_binding_stale"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    STATUS_UNAVAILABLE = "status_unavailable"


class CredentialError(Exception):
    """Raised by every parser and check in this package; nothing else escapes on bad input."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message


def malformed(message: str) -> CredentialError:
    return CredentialError(Refusal.MALFORMED, message)
