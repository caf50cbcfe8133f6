# SPDX-License-Identifier: EUPL-1.2
"""Signed notes and checkpoints: known answers, round trips and every refusal."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lifegate.ledger import (
    Checkpoint,
    LedgerError,
    NoteSigner,
    NoteVerifier,
    Refusal,
    open_checkpoint,
    open_note,
    parse_note,
    sign_checkpoint,
    sign_note,
)

# golang.org/x/mod/sumdb/note example (note_test.go, ExampleSign / ExampleOpen).
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_NOTE = (
    PETER_TEXT + "\n— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
# The same tests derive EnochRoot's key from an all-zero seed (their zeroReader).
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
# c2sp.org/tlog-checkpoint example.
SOFA_NOTE = (
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
    "— example.com/behind-the-sofa "
    "Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
)

ORIGIN = "ledger.lifegate.example/demo"
LOG_KEY = NoteSigner.from_private_key(
    ORIGIN, Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
)
CHECKPOINT = Checkpoint(ORIGIN, 20852163, hashlib.sha256(b"root").digest())


def _refusal(call: object, *args: object, **kwargs: object) -> Refusal:
    with pytest.raises(LedgerError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.reason


def test_signing_the_go_example_gives_the_go_note_byte_for_byte() -> None:
    signer = NoteSigner.from_skey(PETER_SKEY)

    assert sign_note(PETER_TEXT, [signer]) == PETER_NOTE
    assert signer.skey() == PETER_SKEY
    assert signer.verifier().vkey() == PETER_VKEY


def test_opening_the_go_example_names_its_signer() -> None:
    text, signed_by = open_note(PETER_NOTE, [NoteVerifier.from_vkey(PETER_VKEY)])

    assert (text, signed_by) == (PETER_TEXT, ["PeterNeumann"])


def test_a_key_from_the_zero_seed_has_the_go_verifier_key() -> None:
    enoch = NoteSigner.from_private_key(
        "EnochRoot", Ed25519PrivateKey.from_private_bytes(bytes(32))
    )

    assert enoch.verifier().vkey() == ENOCH_VKEY


def test_the_spec_checkpoint_example_parses() -> None:
    note = parse_note(SOFA_NOTE)
    checkpoint = Checkpoint.parse(note.text)

    assert (checkpoint.origin, checkpoint.size) == ("example.com/behind-the-sofa", 20852163)
    assert note.signatures[0].name == "example.com/behind-the-sofa"
    assert len(note.signatures[0].signature) == 64
    assert checkpoint.to_text() == note.text


def test_a_signed_checkpoint_verifies_with_plain_cryptography() -> None:
    note = sign_checkpoint(CHECKPOINT, [LOG_KEY])
    public = LOG_KEY.private_key.public_key()
    raw_public = base64.b64decode(LOG_KEY.verifier().vkey().split("+", 2)[2])[1:]
    blob = base64.b64decode(note.rstrip("\n").rsplit(" ", 1)[1])

    assert note.startswith(
        f"{ORIGIN}\n20852163\n{base64.b64encode(CHECKPOINT.root_hash).decode()}\n\n— "
    )
    assert blob[:4] == hashlib.sha256(ORIGIN.encode() + b"\n\x01" + raw_public).digest()[:4]
    Ed25519PublicKey.from_public_bytes(raw_public).verify(blob[4:], CHECKPOINT.to_text().encode())
    public.verify(blob[4:], CHECKPOINT.to_text().encode())


def test_a_checkpoint_round_trips_with_extension_lines() -> None:
    checkpoint = Checkpoint(ORIGIN, 0, hashlib.sha256(b"").digest(), ("ext one", "ext two"))

    opened = open_checkpoint(
        sign_checkpoint(checkpoint, [LOG_KEY]), [LOG_KEY.verifier()], origin=ORIGIN
    )

    assert opened == checkpoint


def test_a_generated_key_round_trips_through_its_strings() -> None:
    signer = NoteSigner.generate("example.com/log")

    again = NoteSigner.from_skey(signer.skey())

    assert again.verifier().vkey() == NoteVerifier.from_vkey(signer.verifier().vkey()).vkey()


def test_signatures_by_unknown_keys_are_ignored_when_a_trusted_one_verifies() -> None:
    stranger = NoteSigner.generate("stranger.example")
    note = sign_checkpoint(CHECKPOINT, [stranger, LOG_KEY])

    assert open_checkpoint(note, [LOG_KEY.verifier()]) == CHECKPOINT


def _impostor_line() -> str:
    """A signature carrying the log's name and key ID, made with another key."""
    other = NoteSigner.generate(ORIGIN)
    forged = NoteSigner(ORIGIN, LOG_KEY.key_id, other.private_key)
    return forged.signature_line(CHECKPOINT.to_text())


GOOD = sign_checkpoint(CHECKPOINT, [LOG_KEY])
BODY, SIGNATURES = GOOD.split("\n\n", 1)
TAMPERED_NOTES = {
    "size changed": (GOOD.replace("20852163", "20852162"), Refusal.BAD_SIGNATURE),
    "root changed": (
        GOOD.replace(BODY.split("\n")[2], base64.b64encode(bytes(32)).decode()),
        Refusal.BAD_SIGNATURE,
    ),
    "origin changed": (GOOD.replace(ORIGIN + "\n", "evil.example\n", 1), Refusal.BAD_SIGNATURE),
    "signature bit flipped": (
        BODY
        + "\n\n"
        + SIGNATURES[:-10]
        + ("A" if SIGNATURES[-10] != "A" else "B")
        + SIGNATURES[-9:],
        Refusal.BAD_SIGNATURE,
    ),
    "impostor with the same name and key ID": (
        BODY + "\n\n" + _impostor_line(),
        Refusal.BAD_SIGNATURE,
    ),
    "trusted signature plus a failing one": (GOOD + _impostor_line(), Refusal.BAD_SIGNATURE),
    "signature truncated to valid base64": (GOOD[:-13] + "\n", Refusal.MALFORMED_NOTE),
    "signature cut mid-base64": (GOOD[:-6] + "\n", Refusal.MALFORMED_NOTE),
    "final newline missing": (GOOD[:-1], Refusal.MALFORMED_NOTE),
    "signature lines missing": (BODY + "\n\n", Refusal.MALFORMED_NOTE),
    "no blank line": (BODY + "\n" + SIGNATURES, Refusal.MALFORMED_NOTE),
    "hyphen instead of em dash": (GOOD.replace("\u2014", "-"), Refusal.MALFORMED_NOTE),
    "control character": (GOOD.replace("\n20852163", "\r\n20852163"), Refusal.MALFORMED_NOTE),
    "only unknown signers": (
        sign_checkpoint(CHECKPOINT, [NoteSigner.generate(ORIGIN)]),
        Refusal.UNKNOWN_KEY,
    ),
    "body text only": (BODY + "\n", Refusal.MALFORMED_NOTE),
}


@pytest.mark.parametrize(("note", "reason"), TAMPERED_NOTES.values(), ids=TAMPERED_NOTES.keys())
def test_a_forged_or_truncated_checkpoint_is_refused_with_its_reason(
    note: str, reason: Refusal
) -> None:
    assert _refusal(open_checkpoint, note, [LOG_KEY.verifier()]) == reason


def test_a_note_that_is_not_utf8_is_refused() -> None:
    assert _refusal(open_note, b"\xff\xfe\n\n", [LOG_KEY.verifier()]) == Refusal.MALFORMED_NOTE


def test_a_checkpoint_of_another_log_is_refused() -> None:
    refusal = _refusal(open_checkpoint, GOOD, [LOG_KEY.verifier()], origin="other.example/log")

    assert refusal == Refusal.WRONG_ORIGIN


ROOT64 = base64.b64encode(bytes(32)).decode()
BAD_BODIES = {
    "leading zero": f"o\n007\n{ROOT64}\n",
    "negative size": f"o\n-1\n{ROOT64}\n",
    "size with spaces": f"o\n 7\n{ROOT64}\n",
    "non-ascii digits": f"o\n\u0667\n{ROOT64}\n",
    "root not base64": "o\n7\nnot base64!\n",
    "root 31 bytes": f"o\n7\n{base64.b64encode(bytes(31)).decode()}\n",
    "root non-canonical": f"o\n7\n{ROOT64[:-2]}B=\n",
    "two lines": "o\n7\n",
    "empty origin": f"\n7\n{ROOT64}\n",
    "empty extension": f"o\n7\n{ROOT64}\n\next\n",
    "no final newline": f"o\n7\n{ROOT64}",
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_malformed_checkpoint_body_is_refused(body: str) -> None:
    assert _refusal(Checkpoint.parse, body) == Refusal.MALFORMED_CHECKPOINT


BAD_VKEYS = {
    "wrong key ID": PETER_VKEY.replace("c74f20a3", "c74f20a4"),
    "upper-case key ID": PETER_VKEY.replace("c74f20a3", "C74F20A3"),
    "wrong type byte": "PeterNeumann+c74f20a3+" + base64.b64encode(b"\x02" + bytes(32)).decode(),
    "short key": "PeterNeumann+c74f20a3+" + base64.b64encode(b"\x01" + bytes(31)).decode(),
    "not base64": "PeterNeumann+c74f20a3+%%%%",
    "two parts": "PeterNeumann+c74f20a3",
    "space in name": PETER_VKEY.replace("PeterNeumann", "Peter Neumann"),
    "empty name": PETER_VKEY.replace("PeterNeumann", ""),
}


@pytest.mark.parametrize("vkey", BAD_VKEYS.values(), ids=BAD_VKEYS.keys())
def test_a_malformed_verifier_key_is_refused(vkey: str) -> None:
    assert _refusal(NoteVerifier.from_vkey, vkey) == Refusal.MALFORMED_KEY


@pytest.mark.parametrize(
    "skey",
    [PETER_SKEY.replace("c74f20a3", "00000000"), PETER_SKEY.removeprefix("PRIVATE+"), "x"],
)
def test_a_malformed_signer_key_is_refused(skey: str) -> None:
    assert _refusal(NoteSigner.from_skey, skey) == Refusal.MALFORMED_KEY


def test_a_checkpoint_that_would_read_back_differently_is_not_signed() -> None:
    smuggled = Checkpoint("log.example\n1", 5, bytes(32))

    assert _refusal(sign_checkpoint, smuggled, [LOG_KEY]) == Refusal.BAD_ARGUMENT
