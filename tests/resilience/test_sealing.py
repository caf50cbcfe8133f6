# SPDX-License-Identifier: EUPL-1.2
import io
import os

import pytest

from lifegate.resilience import sealing
from lifegate.resilience.sealing import HEADER_SIZE, SealError, seal, unseal

KEY = b"the-installations-backup-key"
SMALL = 64  # chunk size for the tests: many chunks from little data


def _sealed(data: bytes, key: bytes = KEY) -> bytes:
    target = io.BytesIO()
    seal(key, io.BytesIO(data), target, chunk_size=SMALL)
    return target.getvalue()


def _opened(sealed: bytes, key: bytes = KEY) -> bytes:
    target = io.BytesIO()
    unseal(key, io.BytesIO(sealed), target, chunk_size=SMALL)
    return target.getvalue()


def _reason(sealed: bytes, key: bytes = KEY) -> str:
    with pytest.raises(SealError) as refused:
        _opened(sealed, key)
    return refused.value.reason


@pytest.mark.parametrize("size", [0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 5 * SMALL + 7])
def test_a_sealed_file_opens_to_exactly_what_was_sealed(size):
    data = os.urandom(size)

    sealed = _sealed(data)

    assert _opened(sealed) == data
    # a few random bytes turn up in any ciphertext by chance; 16 or more do not
    assert len(data) < 16 or data not in sealed


def test_the_default_chunk_size_round_trips_a_file_of_several_chunks():
    data = os.urandom(2 * sealing.CHUNK + 5)
    sealed, opened = io.BytesIO(), io.BytesIO()

    seal(KEY, io.BytesIO(data), sealed)
    unseal(KEY, io.BytesIO(sealed.getvalue()), opened)

    assert opened.getvalue() == data


def test_sealing_the_same_data_twice_gives_different_files():
    assert _sealed(b"same data") != _sealed(b"same data")


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        (HEADER_SIZE - 1, "damaged"),  # the nonce prefix
        (HEADER_SIZE, "damaged"),  # first chunk
        (HEADER_SIZE + SMALL + 16 + 3, "damaged"),  # a middle chunk
        (-1, "damaged"),  # the last chunk's tag
        (len(sealing.MAGIC), "wrong-key"),  # the key fingerprint
        (0, "not-sealed"),
    ],
)
def test_a_changed_byte_anywhere_refuses_the_file(where, reason):
    sealed = bytearray(_sealed(os.urandom(4 * SMALL)))

    sealed[where] ^= 0x01

    assert _reason(bytes(sealed)) == reason


def test_a_file_cut_short_at_a_chunk_boundary_is_refused():
    sealed = _sealed(os.urandom(4 * SMALL))

    cut = sealed[: HEADER_SIZE + 2 * (SMALL + 16)]

    assert _reason(cut) == "damaged"


def test_chunks_put_in_another_order_are_refused():
    sealed = _sealed(os.urandom(3 * SMALL))
    body = sealed[HEADER_SIZE:]
    one, two = body[: SMALL + 16], body[SMALL + 16 : 2 * (SMALL + 16)]

    swapped = sealed[:HEADER_SIZE] + two + one + body[2 * (SMALL + 16) :]

    assert _reason(swapped) == "damaged"


def test_another_key_is_refused_as_the_wrong_key():
    assert _reason(_sealed(b"data"), key=b"another-installations-key") == "wrong-key"
