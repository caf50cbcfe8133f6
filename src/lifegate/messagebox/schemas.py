# SPDX-License-Identifier: EUPL-1.2
"""Request and response bodies of the message box API (camelCase on the wire)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from typing import Any

from ninja import Field
from pydantic import BaseModel, ConfigDict, field_validator
from pydantic.alias_generators import to_camel

from lifegate.messagebox import drafts


class Camel(BaseModel):
    """camelCase on the wire. A plain pydantic model: ninja's `Schema` adds a per-object
    validator for reading Django models that cost more than the rest of a bulk request."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class RecipientIn(Camel):
    type: str = Field(description="bsn, foreign-id (eIDAS identifier such as ES/NL/…) or kvk.")
    id: str = Field(description="The BSN, cross-border identifier or KvK number.")


class TextIn(Camel):
    language: str = Field(description="ISO 639-1 code, e.g. nl or en.")
    subject: str = Field(max_length=200)
    body: str = Field(max_length=100_000)


class AttachmentIn(Camel):
    filename: str = Field(max_length=200)
    content_type: str = Field(description="Only application/pdf is accepted.")
    content: str = Field(description="The file, base64-encoded.")

    @field_validator("content")
    @classmethod
    def _base64(cls, value: str) -> str:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValueError("not base64") from error
        return value


class ActionIn(Camel):
    type: str = Field(description="pay, reply, book-appointment, accept-offer or sign.")
    label: str = Field(
        "", max_length=100, description="Button text; a default is shown when empty."
    )
    url: str = Field(
        "", max_length=500, description="https:// address for pay and book-appointment."
    )
    amount: str = Field("", max_length=20, description="Amount in euro for pay, e.g. 125.00.")
    reference: str = Field("", max_length=120, description="Your reference, returned in events.")


class MessageIn(Camel):
    recipient: RecipientIn
    texts: list[TextIn] = Field(description="Subject and body in one or more languages.")
    attachments: list[AttachmentIn] = []
    actions: list[ActionIn] = []
    retention_days: int = Field(description="Days to keep the message; then it is shredded.")
    legal_basis: str = Field(max_length=300, description="The law that allows this message.")
    reference: str = Field("", max_length=120, description="Your reference (e.g. case number).")

    def draft(self) -> drafts.MessageDraft:
        return drafts.MessageDraft(
            recipient=drafts.Recipient(self.recipient.type, self.recipient.id),
            texts=tuple(drafts.Text(t.language, t.subject, t.body) for t in self.texts),
            legal_basis=self.legal_basis,
            retention_days=self.retention_days,
            attachments=tuple(
                drafts.AttachmentDraft(a.filename, a.content_type, base64.b64decode(a.content))
                for a in self.attachments
            ),
            actions=tuple(
                drafts.Action(a.type, a.label, a.url, a.amount, a.reference) for a in self.actions
            ),
            reference=self.reference,
        )

    def fingerprint(self) -> str:
        """Hash of the request as understood (not its bytes), to tell a retry from a reuse."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()


class BatchItemIn(MessageIn):
    idempotency_key: str = Field(min_length=1, max_length=200, description="This item's own key.")


class BatchIn(Camel):
    messages: list[BatchItemIn] = Field(min_length=1, max_length=1000)


class MessageOut(Camel):
    id: str
    status: str = Field(description="delivered, read or recalled.")
    created_at: dt.datetime


class BatchItemOut(Camel):
    index: int
    status: int = Field(description="201 accepted now, 200 accepted earlier, 4xx refused.")
    id: str | None = None
    problem: dict[str, Any] | None = None


class BatchOut(Camel):
    accepted: int
    refused: int
    results: list[BatchItemOut]


class MessageStatusOut(Camel):
    id: str
    reference: str
    status: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    recalled_at: dt.datetime | None
    replied_at: dt.datetime | None
    action_taken: str


class ReplyOut(Camel):
    id: str
    language: str
    body: str
    created_at: dt.datetime


class EventsOut(Camel):
    events: list[dict[str, Any]] = Field(description="CloudEvents 1.0, oldest first.")
    next_after: int = Field(description="Pass as `after` to get the following events.")
