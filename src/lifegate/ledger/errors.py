# SPDX-License-Identifier: EUPL-1.2
"""The one typed error of the ledger core, and the reasons it refuses input."""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    """Why a proof, note or checkpoint was refused; stable for logs, APIs and the CLI."""

    BAD_ARGUMENT = "bad_argument"
    MISSING_NODE = "missing_node"
    INVALID_PROOF = "invalid_proof"
    MALFORMED_NOTE = "malformed_note"
    MALFORMED_KEY = "malformed_key"
    MALFORMED_CHECKPOINT = "malformed_checkpoint"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    WRONG_ORIGIN = "wrong_origin"


class LedgerError(Exception):
    """Raised by every parser and check in this package; nothing else escapes on bad input."""

    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
