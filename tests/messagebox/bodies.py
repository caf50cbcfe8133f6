# SPDX-License-Identifier: EUPL-1.2
"""Request bodies and numbers for message box tests and benches (pure: no Django)."""

from __future__ import annotations

import base64
from typing import Any

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def valid_bsn(seed: int) -> str:
    """The `seed`-th nine-digit number that passes the eleven-test."""
    candidate = 100_000_000 + seed * 7
    while True:
        digits = [int(d) for d in f"{candidate:09d}"]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if total % 11 == 0:
            return f"{candidate:09d}"
        candidate += 1


def message_body(recipient_id: str, recipient_type: str = "bsn", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "recipient": {"type": recipient_type, "id": recipient_id},
        "texts": [
            {
                "language": "nl",
                "subject": "Kinderbijslag toegekend",
                "body": "U krijgt kinderbijslag.",
            },
            {
                "language": "en",
                "subject": "Child benefit granted",
                "body": "You get child benefit.",
            },
        ],
        "retentionDays": 365,
        "legalBasis": "Algemene Kinderbijslagwet, art. 7",
        "reference": "KB-2025-001",
    }
    body.update(changes)
    return body


def pdf_attachment(name: str = "besluit.pdf", content: bytes = PDF) -> dict[str, str]:
    return {
        "filename": name,
        "contentType": "application/pdf",
        "content": base64.b64encode(content).decode(),
    }
