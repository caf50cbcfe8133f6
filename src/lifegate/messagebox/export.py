# SPDX-License-Identifier: EUPL-1.2
"""Everything in a party's box as one ZIP: `messages.json` plus the attachments."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from lifegate.catalog.services import organisation_names
from lifegate.messagebox import sealing
from lifegate.messagebox.models import Attachment, Folder, Message


def _entry(row: Message, names: dict[str, str], content: sealing.Content) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "threadId": str(row.thread_id),
        "from": "you" if row.from_party else names.get(row.organisation, row.organisation),
        "organisation": row.organisation,
        "folder": row.folder,
        "createdAt": row.created_at.isoformat(),
        "readAt": row.read_at.isoformat() if row.read_at else None,
        "legalBasis": row.legal_basis,
        "retentionUntil": row.retention_until.isoformat(),
        "texts": [
            {"language": t.language, "subject": t.subject, "body": t.body} for t in content.texts
        ],
        "actions": [{"type": a.type, "label": a.label, "url": a.url} for a in content.actions],
        "actionTaken": row.action_taken,
        "attachments": [
            f"attachments/{row.id}/{name.replace('/', '_')}" for name in content.attachment_names
        ],
    }


def export_zip(party: str, language: str) -> bytes:
    """Every message (inbox, archive, sent) with its attachments, decrypted, as a ZIP."""
    names = organisation_names(language)
    buffer = io.BytesIO()
    entries = []
    rows = (
        Message.objects.filter(party=party).exclude(folder=Folder.RECALLED).order_by("created_at")
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for row in rows.iterator(chunk_size=500):
            content = sealing.open_content(str(row.id), row.kek_id, row.wrapped_key, row.ciphertext)
            entries.append(_entry(row, names, content))
            for attachment in Attachment.objects.filter(message=row):
                data = sealing.open_attachment(
                    str(row.id),
                    str(attachment.id),
                    row.kek_id,
                    row.wrapped_key,
                    attachment.ciphertext,
                )
                name = content.attachment_names[attachment.position].replace("/", "_")
                archive.writestr(f"attachments/{row.id}/{name}", data)
        archive.writestr(
            "messages.json", json.dumps({"messages": entries}, indent=2, ensure_ascii=False)
        )
    return buffer.getvalue()
