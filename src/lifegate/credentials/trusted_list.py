# SPDX-License-Identifier: EUPL-1.2
"""The trusted issuer list: issuers elsewhere (another member state's lifegate, a foreign
university) that verifiers here trust, each with the name a desk reads in a verdict, per
language, and its country. Kept by the operator as JSON (LIFEGATE_CREDENTIALS_TRUSTED_LIST):

    {"issuers": [{"issuer": "https://sede.upm.example/credentials",
                  "name": {"en": "Technical University of Madrid",
                           "nl": "Technische Universiteit Madrid"},
                  "country": "ES"}]}

`name` may also be one text for every language; `country` (ISO 3166-1 alpha-2, or EL for
Greece as the EU writes it) may be left out. An issuer is an https address (http only on
this machine, for trying things out). Pure: parsing only, no files, no Django.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

_MEMBERS = frozenset({"issuer", "name", "country"})
_LANGUAGE = re.compile(r"[a-z]{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_THIS_MACHINE = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_NAME = 200


class TrustedListError(ValueError):
    """The trusted issuer list cannot be used; the message says where and what to fix."""


@dataclass(frozen=True)
class ListedIssuer:
    issuer: str
    names: tuple[tuple[str, str], ...]  # (language, name), in the list's order; never empty
    country: str = ""

    def name(self, language: str) -> str:
        """The name in `language`, else in English, else the first given; with its country."""
        by_language = dict(self.names)
        name = by_language.get(language) or by_language.get("en") or self.names[0][1]
        return f"{name} ({self.country})" if self.country else name


def parse_trusted_list(text: str) -> tuple[ListedIssuer, ...]:
    """The issuers of a trusted list; TrustedListError says what is wrong, and where."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested far too deep
        raise TrustedListError(f"it is not JSON ({exc})") from exc
    if not isinstance(document, dict) or not isinstance(document.get("issuers"), list):
        raise TrustedListError('it must be a JSON object {"issuers": [...]}')
    listed = [_entry(position, raw) for position, raw in enumerate(document["issuers"], 1)]
    _refuse_duplicates(listed)
    return tuple(listed)


def _entry(position: int, raw: Any) -> ListedIssuer:
    where = f"issuer {position}"
    if not isinstance(raw, dict):
        raise TrustedListError(f'{where} must be an object with "issuer" and "name"')
    unknown = sorted(raw.keys() - _MEMBERS)
    if unknown:
        raise TrustedListError(f"{where} has unknown member(s) {', '.join(unknown)}")
    issuer = _issuer(where, raw.get("issuer"))
    where = f"{where} ({issuer})"
    country = raw.get("country", "")
    if "country" in raw and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
        raise TrustedListError(f'{where}: "country" must be two capital letters, like ES')
    return ListedIssuer(issuer, _names(where, raw.get("name")), country)


def _issuer(where: str, issuer: Any) -> str:
    wrong = f'{where}: "issuer" must be the issuer\'s https:// address, as its credentials say'
    if not isinstance(issuer, str) or issuer != issuer.strip():
        raise TrustedListError(wrong)
    try:
        parts = urlsplit(issuer)
        host = parts.hostname
    except ValueError as exc:  # e.g. an unclosed [IPv6 literal
        raise TrustedListError(f"{wrong} ({exc})") from exc
    on_this_machine = parts.scheme == "http" and host in _THIS_MACHINE
    if not host or not (parts.scheme == "https" or on_this_machine):
        raise TrustedListError(wrong)
    if parts.query or parts.fragment:
        raise TrustedListError(f'{where}: "issuer" has no query or fragment')
    return issuer


def _names(where: str, raw: Any) -> tuple[tuple[str, str], ...]:
    given = {"en": raw} if isinstance(raw, str) else raw
    if not isinstance(given, dict) or not given:
        raise TrustedListError(f'{where}: "name" must be a text or {{"en": ..., "nl": ...}}')
    for language, name in given.items():
        if not _LANGUAGE.fullmatch(language):
            raise TrustedListError(f'{where}: "{language}" is not a two-letter language code')
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise TrustedListError(
                f"{where}: the {language} name must be a text of 1 to {MAX_NAME} characters"
            )
    return tuple((language, name.strip()) for language, name in given.items())


def _refuse_duplicates(listed: Sequence[ListedIssuer]) -> None:
    seen: set[str] = set()
    for entry in listed:
        if entry.issuer in seen:
            raise TrustedListError(f"{entry.issuer} is listed twice")
        seen.add(entry.issuer)
