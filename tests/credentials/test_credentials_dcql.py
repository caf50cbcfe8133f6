# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import Any

import pytest

from lifegate.credentials import (
    DIPLOMA,
    PID,
    RESIDENCE,
    CredentialError,
    CredentialQuery,
    Verified,
    bind,
    match,
    satisfies,
)
from tests.credentials.credentials_factory import (
    AUD,
    DIPLOMA_CLAIMS,
    NONCE,
    NOW,
    PID_CLAIMS,
    RESIDENCE_CLAIMS,
    Demo,
)


def _query(vct: str, *paths: list[Any], **extra: Any) -> dict[str, Any]:
    claims = [{"path": p} for p in paths]
    credential = {"id": "c", "format": "dc+sd-jwt", "meta": {"vct_values": [vct]}, "claims": claims}
    return {"credentials": [credential | extra]}


def test_a_diploma_query_picks_the_diploma_and_only_the_asked_disclosures(demo: Demo) -> None:
    held = [demo.credential(PID, PID_CLAIMS), demo.credential(DIPLOMA, DIPLOMA_CLAIMS)]

    found = match(_query(DIPLOMA.vct, ["degree"], ["institution"]), held)

    assert found is not None and found["c"].credential is held[1]
    assert {d.name for d in found["c"].presentation.disclosures} == {"degree", "institution"}


def test_the_chosen_presentation_verifies_and_satisfies_the_query(demo: Demo) -> None:
    query = _query(PID.vct, ["age_equal_or_over", "18"])
    found = match(query, [demo.credential(PID, PID_CLAIMS)])
    assert found is not None
    bound = bind(found["c"].presentation, demo.holder_key, nonce=NONCE, aud=AUD, iat=NOW)

    verdict = demo.verifier().verify(bound.serialize(), nonce=NONCE, aud=AUD)

    assert isinstance(verdict, Verified) and verdict.claims["age_equal_or_over"] == {"18": True}
    assert "birthdate" not in verdict.claims
    assert satisfies(CredentialQuery.parse(query["credentials"][0]), verdict.vct, verdict.claims)


@pytest.mark.parametrize(
    ("query", "answerable"),
    [
        (_query(DIPLOMA.vct, ["degree"]), False),
        (_query(RESIDENCE.vct, ["municipality"]), True),
        (_query(RESIDENCE.vct, ["no_such_claim"]), False),
        (
            _query(
                RESIDENCE.vct,
                ["municipality"],
                claims=[{"path": ["municipality"], "values": ["Rotterdam"]}],
            ),
            True,
        ),
        (_query(RESIDENCE.vct, claims=[{"path": ["municipality"], "values": ["Utrecht"]}]), False),
    ],
)
def test_a_query_is_answered_only_by_a_matching_type_and_claims(
    demo: Demo, query: dict[str, Any], answerable: bool
) -> None:
    found = match(query, [demo.credential(RESIDENCE, RESIDENCE_CLAIMS)])

    assert (found is not None) is answerable


def test_a_wildcard_with_values_discloses_only_the_matching_elements(demo: Demo) -> None:
    query = _query(PID.vct, claims=[{"path": ["nationalities", None], "values": ["NL"]}])

    found = match(query, [demo.credential(PID, PID_CLAIMS)])

    assert found is not None
    values = sorted(str(d.value) for d in found["c"].presentation.disclosures)
    assert len(values) == 2 and "NL" in values and "ES" not in values


def test_claim_sets_take_the_first_set_the_credential_can_answer(demo: Demo) -> None:
    query = _query(
        DIPLOMA.vct,
        claims=[
            {"id": "a", "path": ["thesis_title"]},
            {"id": "b", "path": ["degree"]},
            {"id": "c", "path": ["programme"]},
        ],
        claim_sets=[["a", "b"], ["b", "c"]],
    )

    found = match(query, [demo.credential()])

    assert found is not None
    assert {d.name for d in found["c"].presentation.disclosures} == {"degree", "programme"}


def test_credential_sets_make_a_credential_optional(demo: Demo) -> None:
    query = {
        "credentials": [
            _query(DIPLOMA.vct, ["degree"])["credentials"][0],
            _query(RESIDENCE.vct, ["municipality"])["credentials"][0] | {"id": "r"},
        ],
        "credential_sets": [{"options": [["c"]]}, {"options": [["r"]], "required": False}],
    }

    found = match(query, [demo.credential()])

    assert found is not None and set(found) == {"c"}


def test_a_query_without_claims_asks_for_no_disclosures(demo: Demo) -> None:
    query = {
        "credentials": [{"id": "c", "format": "dc+sd-jwt", "meta": {"vct_values": [DIPLOMA.vct]}}]
    }

    found = match(query, [demo.credential()])

    assert found is not None and found["c"].presentation.disclosures == ()


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"credentials": []},
        {"credentials": [{"id": "c", "format": "mso_mdoc"}]},
        {"credentials": [{"id": "c", "format": "dc+sd-jwt", "claims": [{"path": []}]}]},
        {"credentials": [{"id": "c", "format": "dc+sd-jwt", "claims": [{"path": [True]}]}]},
    ],
)
def test_a_malformed_query_is_refused_with_a_typed_error(query: dict[str, Any]) -> None:
    with pytest.raises(CredentialError):
        match(query, [])
