# SPDX-License-Identifier: EUPL-1.2
"""Backup files sealed at rest: AES-256-GCM in chunks (pure: no Django; file objects only).

A sealed file is a header and a sequence of chunks. The header names the format, a key
fingerprint (so a wrong key is told apart from a damaged file) and a random nonce prefix.
Each chunk is encrypted with the nonce `prefix ‖ counter` and authenticated together with
the header, its number and whether it is the last one, so a changed, reordered, dropped or
truncated chunk fails to open (the STREAM construction of Hoang, Reyhanitabar, Rogaway and
Vizár). The AES key is derived from the installation's backup secret with HKDF-SHA256.

>>> import io
>>> sealed = io.BytesIO()
>>> seal(b"secret", io.BytesIO(b"hello"), sealed)
>>> opened = io.BytesIO()
>>> unseal(b"secret", io.BytesIO(sealed.getvalue()), opened)
>>> opened.getvalue()
b'hello'
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"LIFEGATE-SEALED-BACKUP-1\n"
CHUNK = 1 << 20  # plaintext bytes per chunk
_TAG = 16
_PREFIX = 7  # nonce = 7 random bytes, a 4-byte chunk number, 1 byte "last chunk"
_FINGERPRINT = 16
HEADER_SIZE = len(MAGIC) + _FINGERPRINT + _PREFIX


class SealError(ValueError):
    """A sealed file that cannot be opened; `reason` is 'not-sealed', 'wrong-key' or 'damaged'."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _aes_key(secret: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"lifegate-backup-aes")
    return hkdf.derive(secret)


def fingerprint(secret: bytes) -> bytes:
    """A public fingerprint of the key: says which key sealed a file, reveals nothing of it."""
    return hmac.new(secret, b"lifegate-backup-key-fingerprint", hashlib.sha256).digest()[:16]


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if last else 0)


def _read_full(source: BinaryIO, size: int) -> bytes:
    parts: list[bytes] = []
    remaining = size
    while remaining:
        part = source.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def seal(secret: bytes, source: BinaryIO, target: BinaryIO, chunk_size: int = CHUNK) -> None:
    """Encrypt `source` into `target`, chunk by chunk (memory use: about two chunks)."""
    aes = AESGCM(_aes_key(secret))
    header = MAGIC + fingerprint(secret) + os.urandom(_PREFIX)
    prefix = header[-_PREFIX:]
    target.write(header)
    number = 0
    chunk = _read_full(source, chunk_size)
    while True:
        following = _read_full(source, chunk_size) if len(chunk) == chunk_size else b""
        last = not following
        target.write(aes.encrypt(_nonce(prefix, number, last), chunk, header))
        if last:
            return
        chunk, number = following, number + 1


def is_sealed(start: bytes) -> bool:
    return start.startswith(MAGIC)


def _header(secret: bytes, source: BinaryIO) -> bytes:
    header = _read_full(source, HEADER_SIZE)
    if not is_sealed(header) or len(header) < HEADER_SIZE:
        raise SealError("not-sealed", "this file is not a sealed lifegate backup")
    if not hmac.compare_digest(header[len(MAGIC) : -_PREFIX], fingerprint(secret)):
        raise SealError("wrong-key", "this backup was sealed with another backup key")
    return header


def unseal(secret: bytes, source: BinaryIO, target: BinaryIO, chunk_size: int = CHUNK) -> None:
    """Decrypt into `target`; raises `SealError` at the first chunk that fails to open.

    `target` may hold part of the plaintext when this raises: write it somewhere private
    and throw it away on error."""
    header = _header(secret, source)
    aes, prefix = AESGCM(_aes_key(secret)), header[-_PREFIX:]
    number = 0
    sealed_size = chunk_size + _TAG
    chunk = _read_full(source, sealed_size)
    while True:
        following = _read_full(source, sealed_size) if len(chunk) == sealed_size else b""
        last = not following
        try:
            target.write(aes.decrypt(_nonce(prefix, number, last), chunk, header))
        except InvalidTag:
            raise SealError(
                "damaged", f"chunk {number} of the backup was changed, cut short or damaged"
            ) from None
        if last:
            return
        chunk, number = following, number + 1
