# SPDX-License-Identifier: EUPL-1.2
"""Strict base64url and JSON: one byte string has exactly one accepted text form.

The standard library's base64 decoders skip unknown characters and accept non-canonical
final characters, so two different strings could carry the same bytes; signatures and
digests are over the text, so only the canonical unpadded base64url form is accepted.
"""

from __future__ import annotations

import binascii
import json
from json.scanner import make_scanner
from typing import Any, cast

from lifegate.credentials.errors import malformed

# Nesting deeper than this is never produced by an issuer; walkers refuse it.
MAX_DEPTH = 32

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# The last character of a canonical encoding leaves its unused low bits zero:
# 4 unused bits when len % 4 == 2, 2 when len % 4 == 3.
_CANONICAL_LAST = {
    2: frozenset(c for i, c in enumerate(_ALPHABET) if i & 0xF == 0),
    3: frozenset(c for i, c in enumerate(_ALPHABET) if i & 0x3 == 0),
}
_TO_STANDARD = bytes.maketrans(b"-_", b"+/")
_TO_URLSAFE = bytes.maketrans(b"+/", b"-_")
_PADDING = (b"", b"", b"==", b"=")


def _no_constants(name: str) -> Any:
    raise ValueError(f"JSON constant {name} is not allowed")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate JSON member name")
    return result


# JWT headers and payloads: RFC 7519 §4 allows "lexically last member wins", which is the
# C parser's behaviour, so the fast decoder is kept there. Disclosures are refused on
# duplicate names because nothing in RFC 9901 blesses a choice between them.
_JWT_JSON = json.JSONDecoder(parse_constant=_no_constants)
_STRICT_JSON = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_no_constants)
# Their scanners, called directly by `json_loads` (typeshed types the argument of
# `make_scanner` as a scanner, though the standard library passes a decoder).
_JWT_SCAN = make_scanner(cast(Any, _JWT_JSON))
_STRICT_SCAN = make_scanner(cast(Any, _STRICT_JSON))


def b64url_encode(data: bytes) -> str:
    return binascii.b2a_base64(data, newline=False).rstrip(b"=").translate(_TO_URLSAFE).decode()


def b64url_decode(text: str) -> bytes:
    rest = len(text) % 4
    if rest == 1 or "+" in text or "/" in text or "=" in text:
        raise malformed("not base64url")
    if rest and text[-1] not in _CANONICAL_LAST[rest]:
        raise malformed("non-canonical base64url")
    try:
        standard = text.encode("ascii").translate(_TO_STANDARD) + _PADDING[rest]
        return binascii.a2b_base64(standard, strict_mode=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise malformed("not base64url") from exc


def json_loads(data: bytes | str, *, strict: bool = True) -> Any:
    """Parse JSON, refusing NaN/Infinity and (when `strict`) duplicate member names."""
    decoder, scan = (_STRICT_JSON, _STRICT_SCAN) if strict else (_JWT_JSON, _JWT_SCAN)
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        # The decoder's own scanner, when it consumes the whole text, gives exactly what
        # `decode` gives, without its whitespace regexes; anything else (surrounding
        # whitespace, extra data, an error) goes through `decode`, which decides as before.
        try:
            value, end = scan(text, 0)
        except StopIteration:
            return decoder.decode(text)
        return value if end == len(text) else decoder.decode(text)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise malformed(f"invalid JSON: {exc}") from exc


def json_dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def json_object_b64(text: str) -> dict[str, Any]:
    """A base64url-encoded JWT header or payload, which must be a JSON object."""
    value = json_loads(b64url_decode(text), strict=False)
    if not isinstance(value, dict):
        raise malformed("expected a JSON object")
    return value


def json_b64(value: Any) -> str:
    return b64url_encode(json_dumps(value).encode("utf-8"))
