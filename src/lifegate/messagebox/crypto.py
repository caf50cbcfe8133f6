# SPDX-License-Identifier: EUPL-1.2
"""Envelope encryption of message content. Pure: no Django, no IO.

Each message gets its own AES-256-GCM data key; the data key is stored only wrapped by a
key-encryption key (KEK) held by a `KeyProvider`. Deleting a message's wrapped key makes its
body and attachments unreadable everywhere, backups included once they expire
(crypto-shredding). A real KMS or HSM plugs in as another `KeyProvider`.

    >>> provider = LocalKeyProvider({"k1": bytes(32)}, current="k1")
    >>> sealed = seal(provider, b"hello", associated=b"msg-1")
    >>> open_sealed(provider, sealed, associated=b"msg-1")
    b'hello'
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


class DecryptionError(Exception):
    """The content or its key was tampered with, or the key is gone (shredded)."""


@dataclass(frozen=True)
class DataKey:
    """A data key in the clear (use, never store) and wrapped (store, never use)."""

    plaintext: bytes
    wrapped: bytes
    kek_id: str


class KeyProvider(Protocol):
    """The one call a KMS must answer, like KMS GenerateDataKey / Decrypt in one method:
    `data_key(None, None)` makes a fresh data key; `data_key(wrapped, kek_id)` unwraps one."""

    def data_key(self, wrapped: bytes | None, kek_id: str | None) -> DataKey: ...


@runtime_checkable
class BatchKeyProvider(Protocol):
    """Optional: a provider that makes many fresh data keys in one call (a bulk send)."""

    def data_keys(self, count: int) -> list[DataKey]: ...


class LocalKeyProvider:
    """KEKs held in this process (generated into LIFEGATE_HOME/secrets on first run).

    Several KEKs may be known so an old KEK can still unwrap after rotation; new data keys
    are always wrapped with `current`.
    """

    def __init__(self, keks: Mapping[str, bytes], current: str) -> None:
        if current not in keks or any(len(k) != 32 for k in keks.values()):
            raise ValueError("the current KEK must be known and every KEK 32 bytes")
        self._keks = {kek_id: AESGCM(key) for kek_id, key in keks.items()}
        self._current = current

    def data_key(self, wrapped: bytes | None, kek_id: str | None) -> DataKey:
        if wrapped is None:
            plaintext = AESGCM.generate_key(bit_length=256)
            nonce = os.urandom(_NONCE_BYTES)
            sealed = nonce + self._keks[self._current].encrypt(nonce, plaintext, b"data-key")
            return DataKey(plaintext, sealed, self._current)
        cipher = self._keks.get(kek_id or "")
        if cipher is None:
            raise DecryptionError("unknown key-encryption key")
        try:
            plaintext = cipher.decrypt(wrapped[:_NONCE_BYTES], wrapped[_NONCE_BYTES:], b"data-key")
        except (InvalidTag, ValueError) as error:
            raise DecryptionError("the data key does not unwrap") from error
        return DataKey(plaintext, wrapped, kek_id or "")

    def data_keys(self, count: int) -> list[DataKey]:
        """`count` fresh data keys, with one call for all their random bytes."""
        size = 32 + _NONCE_BYTES
        material = os.urandom(count * size)
        kek = self._keks[self._current]
        keys = []
        for start in range(0, count * size, size):
            plaintext, nonce = material[start : start + 32], material[start + 32 : start + size]
            wrapped = nonce + kek.encrypt(nonce, plaintext, b"data-key")
            keys.append(DataKey(plaintext, wrapped, self._current))
        return keys


@dataclass(frozen=True)
class Sealed:
    """What is stored: the wrapped data key and the ciphertext (nonce first)."""

    kek_id: str
    wrapped_key: bytes
    ciphertext: bytes


def encrypt_with(key: DataKey, plaintext: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(key.plaintext).encrypt(nonce, plaintext, associated)


def decrypt_with(key: DataKey, ciphertext: bytes, associated: bytes) -> bytes:
    try:
        return AESGCM(key.plaintext).decrypt(
            ciphertext[:_NONCE_BYTES], ciphertext[_NONCE_BYTES:], associated
        )
    except InvalidTag as error:
        raise DecryptionError("the content does not decrypt with its key") from error


def seal(provider: KeyProvider, plaintext: bytes, associated: bytes) -> Sealed:
    """Encrypt under a fresh data key; `associated` (e.g. the message id) binds it to its row."""
    key = provider.data_key(None, None)
    return Sealed(key.kek_id, key.wrapped, encrypt_with(key, plaintext, associated))


def open_sealed(provider: KeyProvider, sealed: Sealed, associated: bytes) -> bytes:
    key = provider.data_key(sealed.wrapped_key, sealed.kek_id)
    return decrypt_with(key, sealed.ciphertext, associated)


_WORD = re.compile(r"\w{2,}", re.UNICODE)


def blind_tokens(key: bytes, texts: Iterable[str]) -> str:
    """A blind search index: each distinct word as a short keyed hash, space-separated.

    The database can match words without holding them; 8 hex digits keep false matches rare
    for one person's messages while saying little about any word.
    """
    words = {w.casefold() for text in texts for w in _WORD.findall(text)}
    return " ".join(sorted(blind_token(key, w) for w in words))


@lru_cache(maxsize=65_536)  # letters repeat their words; the key is the installation's
def blind_token(key: bytes, word: str) -> str:
    return hmac.new(key, word.casefold().encode(), hashlib.sha256).hexdigest()[:8]


def blind_query(key: bytes, query: str) -> list[str]:
    """Tokens for each word of a search query (all must match)."""
    return sorted({blind_token(key, w) for w in _WORD.findall(query)})
