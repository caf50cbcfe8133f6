# SPDX-License-Identifier: EUPL-1.2
"""Message content in and out of its encrypted form (one data key per message)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from lifegate.messagebox import crypto, keys
from lifegate.messagebox.drafts import Action, Text

# What a BinaryField gives back: bytes, or a memoryview on PostgreSQL.
Blob = bytes | memoryview


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Content:
    """What only the party, the sending agency and nobody else may read."""

    texts: tuple[Text, ...]
    actions: tuple[Action, ...]
    attachment_names: tuple[str, ...]

    def text(self, language: str) -> Text:
        """The text in `language`, else Dutch, else English, else the first one."""
        by_language = {t.language: t for t in self.texts}
        for choice in (language, "nl", "en"):
            if choice in by_language:
                return by_language[choice]
        return self.texts[0]


def _encode(content: Content) -> bytes:
    document = {
        "texts": [[t.language, t.subject, t.body] for t in content.texts],
        "actions": [[a.type, a.label, a.url, a.amount, a.reference] for a in content.actions],
        "attachments": list(content.attachment_names),
    }
    return json.dumps(document, separators=(",", ":")).encode()


def _decode(raw: bytes) -> Content:
    document: dict[str, Any] = json.loads(raw)
    return Content(
        texts=tuple(Text(*item) for item in document["texts"]),
        actions=tuple(Action(*item) for item in document["actions"]),
        attachment_names=tuple(document["attachments"]),
    )


@dataclass(frozen=True)
class SealedMessage:
    kek_id: str
    wrapped_key: bytes
    ciphertext: bytes
    attachments: tuple[bytes, ...]


def new_data_keys(count: int) -> list[crypto.DataKey]:
    """Fresh data keys for `count` messages, in one call when the provider can batch."""
    provider = keys.key_provider()
    if isinstance(provider, crypto.BatchKeyProvider):
        return provider.data_keys(count)
    return [provider.data_key(None, None) for _ in range(count)]


def seal_message(
    message_id: str,
    content: Content,
    attachment_ids: list[str],
    blobs: list[bytes],
    key: crypto.DataKey | None = None,
) -> SealedMessage:
    """Encrypt a message under its own data key (`key`, made here when not given)."""
    key = key or keys.key_provider().data_key(None, None)
    body = crypto.encrypt_with(key, _encode(content), message_id.encode())
    sealed_blobs = tuple(
        crypto.encrypt_with(key, blob, f"{message_id}/{attachment_id}".encode())
        for attachment_id, blob in zip(attachment_ids, blobs, strict=True)
    )
    return SealedMessage(key.kek_id, key.wrapped, body, sealed_blobs)


def data_key(kek_id: str, wrapped_key: Blob) -> crypto.DataKey:
    return keys.key_provider().data_key(bytes(wrapped_key), kek_id)


def open_content(message_id: str, kek_id: str, wrapped_key: Blob, ciphertext: Blob) -> Content:
    key = data_key(kek_id, wrapped_key)
    return _decode(crypto.decrypt_with(key, bytes(ciphertext), message_id.encode()))


def open_attachment(
    message_id: str, attachment_id: str, kek_id: str, wrapped_key: Blob, ciphertext: Blob
) -> bytes:
    key = data_key(kek_id, wrapped_key)
    associated = f"{message_id}/{attachment_id}".encode()
    return crypto.decrypt_with(key, bytes(ciphertext), associated)


def search_tokens(content: Content) -> str:
    words = [t.subject for t in content.texts] + [t.body for t in content.texts]
    return crypto.blind_tokens(keys.search_key(), words)


def search_query_tokens(query: str) -> list[str]:
    return crypto.blind_query(keys.search_key(), query)
