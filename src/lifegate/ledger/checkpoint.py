# SPDX-License-Identifier: EUPL-1.2
"""Signed checkpoints: C2SP tlog-checkpoint bodies in C2SP signed notes, with Ed25519.

A note is text ending in a newline, a blank line, then signature lines
`— <key name> base64(key ID || signature)`; the key ID is the first four bytes of
SHA-256(key name || 0x0A || 0x01 || public key). Keys travel as strings in the format of
Go's `golang.org/x/mod/sumdb/note`, which other tlog tools read:

    verifier key  <name>+<hex key ID>+base64(0x01 || 32-byte public key)
    signer key    PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || 32-byte seed)

A checkpoint body is the origin line, the tree size in decimal, the base64 root hash and
optional extension lines.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from lifegate.ledger.errors import LedgerError, Refusal
from lifegate.ledger.merkle import HASH_SIZE

ED25519 = 0x01
_KEY_SIZE = 32
_SIGNATURE_SIZE = 64
_SIGNATURE_PREFIX = "\u2014 "  # em dash, space
_SIGNER_PREFIX = "PRIVATE+KEY+"
# The spec asks verifiers to accept at least 16; a bound keeps a hostile note cheap.
MAX_SIGNATURES = 64
_DECIMAL = re.compile(r"0|[1-9][0-9]*", re.ASCII)
_KEY_ID = re.compile(r"[0-9a-f]{8}", re.ASCII)


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public_key).digest()[:4]


def _strict_b64(text: str, what: str, reason: Refusal) -> bytes:
    """Standard base64 with padding, and only its canonical form (one encoding per value)."""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise LedgerError(reason, f"{what} is not base64") from exc
    if base64.b64encode(raw).decode() != text:
        raise LedgerError(reason, f"{what} is not canonical base64")
    return raw


def _check_name(name: str, reason: Refusal) -> None:
    if not name or "+" in name or any(char.isspace() or char < " " for char in name):
        raise LedgerError(reason, f"key name {name!r} is empty or holds a space or '+'")


def _typed_key(name: str, hex_id: str, encoded: str, what: str) -> bytes:
    """The 32 key bytes of `base64(0x01 || key)`, after checking name and key ID syntax."""
    _check_name(name, Refusal.MALFORMED_KEY)
    if not _KEY_ID.fullmatch(hex_id):
        raise LedgerError(Refusal.MALFORMED_KEY, f"key ID {hex_id!r} is not 8 hex digits")
    raw = _strict_b64(encoded, what, Refusal.MALFORMED_KEY)
    if len(raw) != 1 + _KEY_SIZE or raw[0] != ED25519:
        raise LedgerError(Refusal.MALFORMED_KEY, f"{what} is not an Ed25519 key")
    return raw[1:]


@dataclass(frozen=True, slots=True)
class NoteVerifier:
    """A trusted public key with its name: checks signatures on notes."""

    name: str
    key_id: bytes
    public_key: Ed25519PublicKey

    @classmethod
    def from_vkey(cls, vkey: str) -> NoteVerifier:
        parts = vkey.split("+", 2)
        if len(parts) != 3:
            raise LedgerError(Refusal.MALFORMED_KEY, "a verifier key is name+keyid+key")
        name, hex_id, encoded = parts
        raw = _typed_key(name, hex_id, encoded, "verifier key")
        if key_id(name, raw).hex() != hex_id:
            raise LedgerError(Refusal.MALFORMED_KEY, f"key ID {hex_id} does not match the key")
        return cls(name, bytes.fromhex(hex_id), Ed25519PublicKey.from_public_bytes(raw))

    def vkey(self) -> str:
        raw = self.public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        encoded = base64.b64encode(bytes([ED25519]) + raw).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"

    def verifies(self, text: bytes, signature: bytes) -> bool:
        if len(signature) != _SIGNATURE_SIZE:
            return False
        try:
            self.public_key.verify(signature, text)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True, slots=True)
class NoteSigner:
    """A private key with its name: signs notes. Keep its `skey()` in a secret store."""

    name: str
    key_id: bytes
    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls, name: str) -> NoteSigner:
        return cls.from_private_key(name, Ed25519PrivateKey.generate())

    @classmethod
    def from_skey(cls, skey: str) -> NoteSigner:
        parts = skey.split("+", 4)
        if len(parts) != 5 or f"{parts[0]}+{parts[1]}+" != _SIGNER_PREFIX:
            raise LedgerError(Refusal.MALFORMED_KEY, "a signer key is PRIVATE+KEY+name+keyid+key")
        name, hex_id, encoded = parts[2:]
        seed = _typed_key(name, hex_id, encoded, "signer key")
        signer = cls.from_private_key(name, Ed25519PrivateKey.from_private_bytes(seed))
        if signer.key_id.hex() != hex_id:
            raise LedgerError(Refusal.MALFORMED_KEY, f"key ID {hex_id} does not match the key")
        return signer

    @classmethod
    def from_private_key(cls, name: str, private_key: Ed25519PrivateKey) -> NoteSigner:
        _check_name(name, Refusal.MALFORMED_KEY)
        public = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return cls(name, key_id(name, public), private_key)

    def skey(self) -> str:
        seed = self.private_key.private_bytes_raw()
        encoded = base64.b64encode(bytes([ED25519]) + seed).decode()
        return f"{_SIGNER_PREFIX}{self.name}+{self.key_id.hex()}+{encoded}"

    def verifier(self) -> NoteVerifier:
        return NoteVerifier(self.name, self.key_id, self.private_key.public_key())

    def signature_line(self, text: str) -> str:
        signature = self.private_key.sign(text.encode())
        encoded = base64.b64encode(self.key_id + signature).decode()
        return f"{_SIGNATURE_PREFIX}{self.name} {encoded}\n"


@dataclass(frozen=True, slots=True)
class NoteSignature:
    name: str
    key_id: bytes
    signature: bytes


@dataclass(frozen=True, slots=True)
class Note:
    """A parsed, not yet verified, signed note."""

    text: str
    signatures: tuple[NoteSignature, ...]


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise LedgerError(Refusal.MALFORMED_NOTE, "note does not end with a newline")
    if any(char < " " and char != "\n" for char in text):
        raise LedgerError(Refusal.MALFORMED_NOTE, "note holds a control character")


def sign_note(text: str, signers: Sequence[NoteSigner]) -> str:
    """The signed note of `text` (which ends in a newline), one line per signer."""
    _check_text(text)
    if not signers:
        raise LedgerError(Refusal.BAD_ARGUMENT, "a note needs at least one signer")
    return text + "\n" + "".join(signer.signature_line(text) for signer in signers)


def _parse_signature(line: str) -> NoteSignature:
    if not line.startswith(_SIGNATURE_PREFIX):
        raise LedgerError(Refusal.MALFORMED_NOTE, f"signature line {line!r} has no em dash")
    name, _, encoded = line.removeprefix(_SIGNATURE_PREFIX).partition(" ")
    _check_name(name, Refusal.MALFORMED_NOTE)
    raw = _strict_b64(encoded, f"the signature of {name}", Refusal.MALFORMED_NOTE)
    if len(raw) < 5:
        raise LedgerError(Refusal.MALFORMED_NOTE, f"the signature of {name} is truncated")
    return NoteSignature(name, raw[:4], raw[4:])


def parse_note(note: str | bytes) -> Note:
    """Split a note into text and signatures; checks syntax only, never trust."""
    if isinstance(note, bytes):
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LedgerError(Refusal.MALFORMED_NOTE, "note is not UTF-8") from exc
    _check_text(note)
    split = note.rfind("\n\n")
    if split < 0:
        raise LedgerError(Refusal.MALFORMED_NOTE, "note has no blank line before signatures")
    lines = note[split + 2 : -1].split("\n")
    if lines == [""]:
        raise LedgerError(Refusal.MALFORMED_NOTE, "note has no signature lines")
    if len(lines) > MAX_SIGNATURES:
        raise LedgerError(Refusal.MALFORMED_NOTE, f"note has more than {MAX_SIGNATURES} lines")
    return Note(note[: split + 1], tuple(_parse_signature(line) for line in lines))


def open_note(note: str | bytes, verifiers: Sequence[NoteVerifier]) -> tuple[str, list[str]]:
    """The text of a note and the names of the known keys that signed it.

    Signatures by unknown keys are ignored, as the spec requires; a signature by a known
    key that fails refuses the whole note; a note no known key signed is refused.
    """
    parsed = parse_note(note)
    known = {(verifier.name, verifier.key_id): verifier for verifier in verifiers}
    text = parsed.text.encode()
    signed_by = []
    for signature in parsed.signatures:
        verifier = known.get((signature.name, signature.key_id))
        if verifier is None:
            continue
        if len(signature.signature) != _SIGNATURE_SIZE:
            raise LedgerError(
                Refusal.MALFORMED_NOTE, f"signature by {signature.name} is not 64 bytes"
            )
        if not verifier.verifies(text, signature.signature):
            raise LedgerError(
                Refusal.BAD_SIGNATURE,
                f"signature by {signature.name} ({signature.key_id.hex()}) does not verify: "
                "the note was altered or forged",
            )
        signed_by.append(signature.name)
    if not signed_by:
        names = ", ".join(f"{s.name} ({s.key_id.hex()})" for s in parsed.signatures)
        raise LedgerError(Refusal.UNKNOWN_KEY, f"no signature by a trusted key; signed by {names}")
    return parsed.text, signed_by


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A tree head: which log (origin), how many entries (size), and the root hash."""

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def to_text(self) -> str:
        lines = [self.origin, str(self.size), base64.b64encode(self.root_hash).decode()]
        return "\n".join([*lines, *self.extensions]) + "\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        if not text.endswith("\n"):
            raise LedgerError(Refusal.MALFORMED_CHECKPOINT, "checkpoint does not end in newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3 or "" in lines:
            raise LedgerError(
                Refusal.MALFORMED_CHECKPOINT, "checkpoint needs 3 or more non-empty lines"
            )
        origin, size, root, *extensions = lines
        if not _DECIMAL.fullmatch(size):
            raise LedgerError(Refusal.MALFORMED_CHECKPOINT, f"tree size {size!r} is not decimal")
        root_hash = _strict_b64(root, "root hash", Refusal.MALFORMED_CHECKPOINT)
        if len(root_hash) != HASH_SIZE:
            raise LedgerError(Refusal.MALFORMED_CHECKPOINT, "root hash is not 32 bytes")
        return cls(origin, int(size), root_hash, tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, signers: Sequence[NoteSigner]) -> str:
    """The signed note of a checkpoint; the log's key name should equal the origin."""
    text = checkpoint.to_text()
    # Refuse to sign what would read back differently (a newline in the origin, say).
    try:
        survives = Checkpoint.parse(text) == checkpoint
    except LedgerError:
        survives = False
    if not survives:
        raise LedgerError(Refusal.BAD_ARGUMENT, "checkpoint does not survive its own encoding")
    return sign_note(text, signers)


def open_checkpoint(
    note: str | bytes, verifiers: Sequence[NoteVerifier], *, origin: str | None = None
) -> Checkpoint:
    """Verify a signed checkpoint and parse it; `origin`, when given, must match."""
    text, _signed_by = open_note(note, verifiers)
    checkpoint = Checkpoint.parse(text)
    if origin is not None and checkpoint.origin != origin:
        raise LedgerError(
            Refusal.WRONG_ORIGIN,
            f"checkpoint is for log {checkpoint.origin!r}, expected {origin!r}",
        )
    return checkpoint
