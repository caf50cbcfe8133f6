# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from lifegate.credentials import (
    PID,
    CredentialError,
    Disclosure,
    Refusal,
    Sd,
    generate_private_key,
    issue_sd_jwt,
    parse_sd_jwt,
    present,
)
from lifegate.credentials.disclosures import SD_KEY, reconstruct
from lifegate.credentials.encoding import b64url_decode, b64url_encode
from tests.credentials.credentials_factory import NOW, PID_CLAIMS, Demo


def test_an_issued_sd_jwt_serializes_and_parses_back_unchanged() -> None:
    token = issue_sd_jwt({"iss": "x", "a": Sd(1), "b": [Sd(2), 3]}, generate_private_key(), typ="t")

    again = parse_sd_jwt(token.serialize())

    assert again == token
    assert token.serialize().endswith("~")


def test_disclosable_properties_and_array_elements_become_digests() -> None:
    token = issue_sd_jwt(
        {"iss": "x", "name": Sd("Eva"), "langs": [Sd("nl"), "en"]}, generate_private_key(), typ="t"
    )

    payload = token.unverified_payload()

    assert "name" not in payload
    assert payload["langs"][1] == "en" and set(payload["langs"][0]) == {"..."}
    assert payload["_sd_alg"] == "sha-256"
    assert {d.name for d in token.disclosures} == {"name", None}


def test_every_object_with_disclosures_also_carries_decoys() -> None:
    token = issue_sd_jwt({"a": Sd(1), "o": {"b": Sd(2)}}, generate_private_key(), typ="t")

    payload = token.unverified_payload()

    assert len(payload[SD_KEY]) > 1 and len(payload["o"][SD_KEY]) > 1
    assert payload[SD_KEY] == sorted(payload[SD_KEY])


def test_salts_are_128_bit_and_never_repeat_across_many_disclosures() -> None:
    claims = {f"c{i}": Sd(i) for i in range(2000)}

    token = issue_sd_jwt(claims, generate_private_key(), typ="t", decoys=False)

    salts = [d.salt for d in token.disclosures]
    assert len(set(salts)) == len(salts) == 2000
    assert all(len(b64url_decode(s)) == 16 for s in salts)


def test_nested_disclosures_reconstruct_to_the_original_claims() -> None:
    claims = {"address": Sd({"street": Sd("Coolsingel"), "city": "Rotterdam"}), "n": [Sd([Sd(1)])]}
    token = issue_sd_jwt(claims, generate_private_key(), typ="t")

    result = reconstruct(token.unverified_payload(), token.disclosures)

    assert result.claims == {"address": {"street": "Coolsingel", "city": "Rotterdam"}, "n": [[1]]}
    assert sorted(result.paths.values(), key=str) == sorted(
        [("address",), ("address", "street"), ("n", 0), ("n", 0, 0)], key=str
    )


@pytest.mark.parametrize(
    ("paths", "names"),
    [
        ([("degree",)], {"degree"}),
        ([("degree",), ("institution",)], {"degree", "institution"}),
        ([], set()),
        ([("no_such_claim",)], set()),
    ],
)
def test_a_presentation_keeps_only_the_chosen_disclosures(
    demo: Demo, paths: list[tuple[str, ...]], names: set[str]
) -> None:
    credential = demo.credential()

    shown = present(credential, paths)

    assert {d.name for d in shown.disclosures} == names
    assert shown.kb_jwt is None


def test_presenting_a_nested_claim_brings_its_parent_but_not_its_siblings(demo: Demo) -> None:
    credential = demo.credential(PID, PID_CLAIMS)

    shown = present(credential, [("address", "locality"), ("nationalities", None)])

    names = sorted(str(d.name) for d in shown.disclosures)
    assert names == ["None", "None", "address", "locality", "nationalities"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Refusal.MALFORMED),
        ("abc", Refusal.MALFORMED),
        ("a.b.c~~", Refusal.MALFORMED),
        ("a.b.c~WyJhIl0~", Refusal.MALFORMED),
        ("a.b.c~" + b64url_encode(b'["s","_sd",1]') + "~", Refusal.INVALID_DISCLOSURE),
        ("a.b.c~" + b64url_encode(b'["s","...",1]') + "~", Refusal.INVALID_DISCLOSURE),
        ("a.b.c~" + b64url_encode(b'["s",{"a":1,"a":2}]') + "~", Refusal.MALFORMED),
        ("a.b.c~" + b64url_encode(b'["s","n",NaN]') + "~", Refusal.MALFORMED),
        ("a.b.c~x.y~", Refusal.MALFORMED),
        ("a" * 300_000, Refusal.MALFORMED),
    ],
)
def test_parse_refuses_bad_shapes_with_a_typed_error(text: str, reason: Refusal) -> None:
    with pytest.raises(CredentialError) as raised:
        parse_sd_jwt(text)

    assert raised.value.reason is reason


def test_a_disclosure_round_trips_and_its_digest_is_over_the_encoded_text() -> None:
    made = Disclosure.create("given_name", "Eva")

    parsed = Disclosure.parse(made.encoded)

    assert parsed == made and parsed.digest == made.digest
    assert Disclosure.create("given_name", "Eva").digest != made.digest  # fresh salt


def test_issued_timestamps_come_from_the_caller(demo: Demo) -> None:
    payload = demo.credential().unverified_payload()

    assert payload["iat"] == NOW - 60 and payload["exp"] == NOW + 3600
