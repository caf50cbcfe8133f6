# SPDX-License-Identifier: EUPL-1.2
"""The trusted issuer list an operator keeps: what it accepts, what it refuses and why, and
the name a desk reads for each issuer in its own language."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lifegate.credentials.trusted_list import ListedIssuer, TrustedListError, parse_trusted_list

UPM = "https://sede.upm.example/credentials"
UPM_NAMES = {"en": "Technical University of Madrid", "nl": "Technische Universiteit Madrid"}
UPM_ES = "Universidad Politécnica de Madrid"


def _list(*issuers: Any) -> str:
    return json.dumps({"issuers": list(issuers)})


def test_a_listed_issuer_has_its_address_names_and_country() -> None:
    (upm,) = parse_trusted_list(_list({"issuer": UPM, "name": UPM_NAMES, "country": "ES"}))

    assert upm == ListedIssuer(UPM, tuple(UPM_NAMES.items()), "ES")


@pytest.mark.parametrize(
    ("names", "country", "language", "shown"),
    [
        (UPM_NAMES, "ES", "nl", "Technische Universiteit Madrid (ES)"),
        (UPM_NAMES, "ES", "en", "Technical University of Madrid (ES)"),
        (UPM_NAMES, "", "de", "Technical University of Madrid"),  # no German: English
        ({"es": UPM_ES}, "", "nl", UPM_ES),  # neither Dutch nor English: the first given
        (UPM_ES, "ES", "nl", f"{UPM_ES} (ES)"),  # one name for every language
        ({"en": "  Padded name  "}, "", "en", "Padded name"),
    ],
)
def test_the_desk_reads_the_name_in_its_language_else_english_else_the_first(
    names: Any, country: str, language: str, shown: str
) -> None:
    entry: dict[str, Any] = {"issuer": UPM, "name": names}
    if country:
        entry["country"] = country
    (upm,) = parse_trusted_list(_list(entry))

    assert upm.name(language) == shown


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "it is not JSON"),
        ("[]", 'it must be a JSON object {"issuers": [...]}'),
        ('{"issuer": []}', 'it must be a JSON object {"issuers": [...]}'),
        (_list("https://a.example"), 'issuer 1 must be an object with "issuer" and "name"'),
        (_list({"issuer": UPM, "name": "x", "kid": "1"}), "issuer 1 has unknown member(s) kid"),
        (_list({"name": "x"}), 'issuer 1: "issuer" must be the issuer\'s https:// address'),
        (_list({"issuer": "ftp://a.example", "name": "x"}), "must be the issuer's https://"),
        (_list({"issuer": "https://", "name": "x"}), "must be the issuer's https:// address"),
        (_list({"issuer": f"{UPM}?x=1", "name": "x"}), '"issuer" has no query or fragment'),
        (_list({"issuer": "http://upm.example", "name": "x"}), "must be the issuer's https://"),
        (_list({"issuer": f" {UPM}", "name": "x"}), "must be the issuer's https:// address"),
        (_list({"issuer": "https://[::1", "name": "x"}), "must be the issuer's https://"),
        (_list({"issuer": UPM, "name": "x", "country": None}), '"country" must be two capital'),
        (_list({"issuer": UPM, "name": "x", "country": 0}), '"country" must be two capital'),
        ("[" * 100_000 + "]" * 100_000, "it is not JSON"),
        (_list({"issuer": UPM}), f'issuer 1 ({UPM}): "name" must be a text or'),
        (_list({"issuer": UPM, "name": {}}), '"name" must be a text or'),
        (_list({"issuer": UPM, "name": {"eng": "x"}}), '"eng" is not a two-letter language'),
        (_list({"issuer": UPM, "name": {"en": " "}}), "the en name must be a text of 1 to 200"),
        (_list({"issuer": UPM, "name": {"en": "x" * 201}}), "the en name must be a text of 1"),
        (_list({"issuer": UPM, "name": {"en": 7}}), "the en name must be a text of 1 to 200"),
        (_list({"issuer": UPM, "name": "x", "country": "es"}), '"country" must be two capital'),
        (_list({"issuer": UPM, "name": "x", "country": "ESP"}), '"country" must be two capital'),
        (
            _list({"issuer": UPM, "name": "x"}, {"issuer": UPM, "name": "y"}),
            f"{UPM} is listed twice",
        ),
    ],
)
def test_a_list_that_cannot_be_used_says_what_is_wrong_and_where(text: str, said: str) -> None:
    with pytest.raises(TrustedListError) as refused:
        parse_trusted_list(text)

    assert said in str(refused.value)


def test_an_empty_list_trusts_nobody() -> None:
    assert parse_trusted_list(_list()) == ()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_an_issuer_on_this_machine_may_be_tried_over_http(host: str) -> None:
    (listed,) = parse_trusted_list(_list({"issuer": f"http://{host}:8001/issuer", "name": "x"}))

    assert listed.issuer == f"http://{host}:8001/issuer"
