# SPDX-License-Identifier: EUPL-1.2
"""Strict base64url and JSON: one byte string has exactly one accepted text form.

The standard library's base64 decoders skip unknown characters and accept non-canonical
final characters, so two different strings could carry the same bytes; signatures and
digests are over the text, so only the canonical unpadded base64url form is accepted.

Speed: a verification decodes about ten base64url strings and four JSON texts, and
together they were a third of what a verification costs beside its two signature checks.
`pybase64` (SIMD, validating) decodes and encodes them; it maps `+`/`/` like `-`/`_`, so
those, `=` and non-canonical last characters are refused here first. `orjson` parses JWT
headers and payloads, and disclosures that hold no JSON object (so no member name can be
duplicated); the standard library's scanner parses the rest. Both refuse NaN/Infinity;
orjson also refuses lone surrogates, and reads an integer beyond 64 bits as a float (no
registered claim needs one; RFC 7493 asks for neither).
"""

from __future__ import annotations

import json
from json.scanner import make_scanner
from typing import Any, cast

import orjson
import pybase64

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
_URLSAFE = b"-_"
_PADDING = ("", "", "==", "=")
_b64decode = pybase64.b64decode
_b64encode = pybase64.b64encode_as_string
_orjson_loads = orjson.loads


def _no_constants(name: str) -> Any:
    raise ValueError(f"JSON constant {name} is not allowed")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate JSON member name")
    return result


# JWT headers and payloads: RFC 7519 §4 allows "lexically last member wins", which is what
# orjson does, so no duplicate check there. Disclosures are refused on duplicate names
# because nothing in RFC 9901 blesses a choice between them: those holding an object go
# through this decoder's scanner (typeshed types the argument of `make_scanner` as a
# scanner, though the standard library passes a decoder).
_STRICT_JSON = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_no_constants)
_STRICT_SCAN = make_scanner(cast(Any, _STRICT_JSON))


def b64url_encode(data: bytes) -> str:
    return _b64encode(data, _URLSAFE).rstrip("=")


def b64url_decode(text: str) -> bytes:
    rest = len(text) % 4
    if rest == 1 or "+" in text or "/" in text or "=" in text:
        raise malformed("not base64url")
    if rest and text[-1] not in _CANONICAL_LAST[rest]:
        raise malformed("non-canonical base64url")
    try:  # validate=True: any character outside the alphabet (and non-ASCII) is refused
        return _b64decode(text + _PADDING[rest], _URLSAFE, True)
    except ValueError as exc:  # binascii.Error
        raise malformed("not base64url") from exc


def json_loads(data: bytes | str, *, strict: bool = True) -> Any:
    """Parse JSON, refusing NaN/Infinity and (when `strict`) duplicate member names."""
    if not strict or ("{" not in data if isinstance(data, str) else b"{" not in data):
        try:  # no `{`: no object, so no member name to duplicate
            return _orjson_loads(data)
        except ValueError as exc:  # orjson.JSONDecodeError, also for bad UTF-8 and depth
            raise malformed(f"invalid JSON: {exc}") from exc
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        # The decoder's own scanner, when it consumes the whole text, gives exactly what
        # `decode` gives, without its whitespace regexes; anything else (surrounding
        # whitespace, extra data, an error) goes through `decode`, which decides as before.
        try:
            value, end = _STRICT_SCAN(text, 0)
        except StopIteration:
            return _STRICT_JSON.decode(text)
        return value if end == len(text) else _STRICT_JSON.decode(text)
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
