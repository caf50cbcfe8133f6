# SPDX-License-Identifier: EUPL-1.2
"""Envelope encryption and the blind search index (pure functions)."""

import pytest

from lifegate.messagebox import crypto


def _provider(kek: bytes = bytes(32)):
    return crypto.LocalKeyProvider({"k1": kek}, current="k1")


def _flip_last(data: bytes) -> bytes:
    """`data` with its last byte changed, always (setting it to 0 left 1 in 256 unchanged)."""
    return data[:-1] + bytes([data[-1] ^ 1])


def test_sealed_content_opens_with_the_same_provider_and_binding():
    sealed = crypto.seal(_provider(), b"secret letter", associated=b"m-1")

    assert crypto.open_sealed(_provider(), sealed, associated=b"m-1") == b"secret letter"
    assert b"secret letter" not in sealed.ciphertext


def test_each_message_gets_its_own_data_key():
    first = crypto.seal(_provider(), b"x", b"m")
    second = crypto.seal(_provider(), b"x", b"m")

    assert first.wrapped_key != second.wrapped_key


@pytest.mark.parametrize(
    "change",
    [
        lambda s: crypto.Sealed(s.kek_id, s.wrapped_key, _flip_last(s.ciphertext)),
        lambda s: crypto.Sealed(s.kek_id, _flip_last(s.wrapped_key), s.ciphertext),
        lambda s: crypto.Sealed("other", s.wrapped_key, s.ciphertext),
        lambda s: crypto.Sealed(s.kek_id, b"", s.ciphertext),
    ],
)
def test_tampered_or_shredded_content_does_not_open(change):
    sealed = crypto.seal(_provider(), b"secret", b"m-1")

    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed(_provider(), change(sealed), b"m-1")


def test_content_moved_to_another_message_does_not_open():
    sealed = crypto.seal(_provider(), b"secret", b"m-1")

    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed(_provider(), sealed, b"m-2")


def test_another_kek_cannot_unwrap_the_data_key():
    sealed = crypto.seal(_provider(bytes(32)), b"secret", b"m")

    with pytest.raises(crypto.DecryptionError):
        crypto.open_sealed(_provider(b"\1" * 32), sealed, b"m")


def test_a_rotated_provider_still_opens_content_of_the_old_kek():
    old = crypto.seal(_provider(), b"secret", b"m")
    rotated = crypto.LocalKeyProvider({"k1": bytes(32), "k2": b"\2" * 32}, current="k2")

    assert crypto.open_sealed(rotated, old, b"m") == b"secret"
    assert crypto.seal(rotated, b"x", b"m").kek_id == "k2"


def test_blind_tokens_match_words_case_insensitively_without_storing_them():
    key = b"k" * 32
    index = crypto.blind_tokens(key, ["Kinderbijslag toegekend", "U krijgt geld"])

    assert all(token in index for token in crypto.blind_query(key, "KINDERBIJSLAG geld"))
    assert "kinderbijslag" not in index
    assert crypto.blind_query(key, "zorgtoeslag")[0] not in index
