# SPDX-License-Identifier: EUPL-1.2
"""A foreign issuer over real HTTP: Lucía's Spanish diploma, from an issuer the operator
trusts by name (LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS), checked at the university desk.
Its keys come from its metadata on loopback, fetched on first use and again when it
rotates or withdraws a key; an issuer that is down or not on the list is refused."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from lifegate.credentials import IssuerUnreachableError, Refusal, RemoteIssuers, trust
from lifegate.credentials.wallet import Wallet
from tests.conftest import free_port
from tests.credentials.foreign_issuer import ForeignIssuer, check_at_the_university

pytestmark = pytest.mark.django_db(transaction=True)


class Clock:
    def __init__(self) -> None:
        self.now = int(time.time())

    def __call__(self) -> int:
        return self.now


def _controlled_key_clock() -> Clock:
    """Let the test move the time the verifier's foreign keys age by."""
    trusted = trust.verifier().trusted
    assert isinstance(trusted, RemoteIssuers)
    trusted.clock = clock = Clock()
    return clock


def test_lucias_spanish_diploma_is_verified_with_keys_fetched_from_its_issuer(
    trusting: ForeignIssuer, served: str, http: Any
) -> None:
    wallet = Wallet({}, http, served)
    wallet.keep(trusting.diploma_for(wallet, "es-1"))
    assert trusting.requested == []  # trusting by name fetches nothing yet

    verdict = check_at_the_university(wallet)

    assert verdict["ok"] is True, verdict
    assert verdict["issuer"] == trusting.issuer
    assert {c["value"] for c in verdict["claims"]} == {
        "Master of Science",
        "Universidad Politécnica de Madrid",
    }
    assert trusting.requested == [
        "/.well-known/jwt-vc-issuer/issuer",
        "/issuer/status-lists/1",
    ]


def test_keys_published_at_a_jwks_uri_are_fetched_from_there(
    trusting: ForeignIssuer, served: str, http: Any
) -> None:
    trusting.by_reference = True
    wallet = Wallet({}, http, served)
    wallet.keep(trusting.diploma_for(wallet, "es-1"))

    assert check_at_the_university(wallet)["ok"] is True
    assert trusting.requested[:2] == ["/.well-known/jwt-vc-issuer/issuer", "/issuer/jwks"]


@pytest.mark.parametrize(("by_reference", "max_age"), [(False, 300), (True, 60)])
def test_keys_are_kept_as_long_as_the_shortest_max_age_allows(
    foreign: ForeignIssuer, http: Any, by_reference: bool, max_age: int
) -> None:
    foreign.by_reference = by_reference  # metadata max-age=300, its jwks_uri max-age=60

    fetched = trust.HttpIssuerMetadata(http).fetch(foreign.issuer)

    assert fetched.max_age == max_age
    assert [key["kid"] for key in fetched.jwks] == ["es-1"]


def test_the_issuer_rotates_and_withdraws_a_key_and_the_desk_follows(
    trusting: ForeignIssuer, served: str, http: Any
) -> None:
    wallet = Wallet({}, http, served)
    clock = _controlled_key_clock()
    wallet.keep(trusting.diploma_for(wallet, "es-1"))
    assert check_at_the_university(wallet)["ok"] is True

    new_kid = trusting.rotate(withdraw_old=True)  # es-1 was compromised
    wallet.state["credentials"].clear()
    wallet.keep(trusting.diploma_for(wallet, new_kid))
    clock.now += 10  # a key id not seen before is asked for once the retry interval passed
    assert check_at_the_university(wallet)["ok"] is True

    wallet.state["credentials"].clear()
    wallet.keep(trusting.diploma_for(wallet, "es-1"))
    refused = check_at_the_university(wallet)
    assert refused["reason"] == Refusal.BAD_SIGNATURE.value
    assert [c["passed"] for c in refused["checks"]][:2] == [True, False]
    with translation.override("en"):
        told = render_to_string("credentials/refusal_reason.html", {"reason": refused["reason"]})
    assert "or its issuer has withdrawn the key it was signed with" in told


def test_an_issuer_that_is_down_is_refused_for_now_and_trusted_when_back(
    trusting: ForeignIssuer, served: str, http: Any
) -> None:
    wallet = Wallet({}, http, served)
    clock = _controlled_key_clock()
    wallet.keep(trusting.diploma_for(wallet, "es-1"))
    trusting.down = True

    refused = check_at_the_university(wallet)
    assert refused["reason"] == Refusal.ISSUER_KEYS_UNAVAILABLE.value
    assert refused["checks"][0] == {"check": "issuer", "passed": False}

    trusting.down = False
    clock.now += 10
    assert check_at_the_university(wallet)["ok"] is True


def test_metadata_that_names_another_issuer_gives_no_keys(
    trusting: ForeignIssuer, served: str, http: Any
) -> None:
    wallet = Wallet({}, http, served)
    wallet.keep(trusting.diploma_for(wallet, "es-1"))
    trusting.names = "https://elsewhere.example/issuer"

    refused = check_at_the_university(wallet)

    assert refused["reason"] == Refusal.ISSUER_KEYS_UNAVAILABLE.value


@pytest.mark.parametrize(
    ("header", "max_age"),
    [
        ("public, max-age=120", 120),
        ('max-age="60", must-revalidate', 60),
        ("no-store", 0),
        ("private, no-cache", 0),
        ("public", None),
        ("", None),
        ("max-age=soon", None),
    ],
)
def test_the_issuers_cache_control_is_read_for_how_long_to_keep_keys(
    header: str, max_age: int | None
) -> None:
    assert trust._max_age(header) == max_age


def test_an_issuer_not_on_the_list_is_refused_and_never_contacted(
    served: str, http: Any, foreign: ForeignIssuer
) -> None:
    trust.forget()
    wallet = Wallet({}, http, served)
    wallet.keep(foreign.diploma_for(wallet, "es-1"))

    refused = check_at_the_university(wallet)

    assert refused["reason"] == Refusal.UNTRUSTED_ISSUER.value
    assert foreign.requested == []


def test_this_installations_issuer_metadata_says_how_long_its_keys_may_be_kept(
    served: str, http: Any, settings: Any
) -> None:
    settings.CREDENTIALS_ISSUER_KEYS_TTL = 120

    response = http.get(f"{served}/.well-known/jwt-vc-issuer/credentials/issuers/duo")

    assert response.headers["Cache-Control"] == "public, max-age=120"
    assert response.json()["jwks"]["keys"]


@pytest.mark.parametrize("reason", list(Refusal))
def test_every_refusal_is_explained_to_the_desk_in_dutch_and_english(reason: Refusal) -> None:
    explained = {}
    for language in ("en", "nl"):
        with translation.override(language):
            explained[language] = render_to_string(
                "credentials/refusal_reason.html", {"reason": reason.value}
            ).strip()

    assert explained["en"] and explained["nl"] != explained["en"]


def test_the_operator_sees_which_trusted_issuers_answer_and_with_which_keys(
    served: str, settings: Any, foreign: ForeignIssuer
) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/issuer"
    settings.CREDENTIALS_TRUSTED_ISSUERS = (foreign.issuer, nobody)
    settings.CREDENTIALS_ISSUER_KEYS_TTL = 600
    foreign.rotate(withdraw_old=False)
    out = io.StringIO()

    call_command("issuer_keys", stdout=out)

    said = out.getvalue().splitlines()
    assert (
        "Trusted issuers elsewhere (LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS and"
        " LIFEGATE_CREDENTIALS_TRUSTED_LIST):" in said
    )
    # The foreign metadata says max-age=300, shorter than this installation's 600.
    assert f"{foreign.issuer}: keys es-1, es-2; verifiers here keep them 300 s" in said
    (refused,) = [line for line in said if line.startswith(nobody)]
    assert refused.startswith(f"{nobody}: no usable key (")
    assert "check its address in LIFEGATE_CREDENTIALS_TRUSTED_ISSUERS or the trusted" in refused


OUTAGE_OR_ANSWER = {  # metadata status, padding bytes -> what is raised, saying what
    "server-error-is-an-outage": ((503, 0), IssuerUnreachableError, "answered 503"),
    "not-found-is-an-answer": ((404, 0), ValueError, "answered 404"),
    "too-large": ((200, 2 * 1024 * 1024), ValueError, "is larger than 1048576 bytes"),
}


@pytest.mark.parametrize("case", sorted(OUTAGE_OR_ANSWER))
def test_an_outage_is_told_apart_from_an_answer_without_keys(
    foreign: ForeignIssuer, http: Any, case: str
) -> None:
    (foreign.metadata_status, foreign.padding), raised, said = OUTAGE_OR_ANSWER[case]

    with pytest.raises(raised, match=said):
        trust.HttpIssuerMetadata(http).fetch(foreign.issuer)


def test_an_issuer_that_does_not_answer_at_all_is_an_outage(http: Any) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/issuer"

    with pytest.raises(IssuerUnreachableError):
        trust.HttpIssuerMetadata(http).fetch(nobody)


@pytest.mark.parametrize(
    ("issuer", "jwks_uri", "allowed"),
    [
        ("https://es.example/issuer", "https://keys.es.example/jwks", True),
        ("https://es.example/issuer", "http://es.example/jwks", False),
        ("http://127.0.0.1:8001/issuer", "http://127.0.0.1:8001/jwks", True),
    ],
)
def test_an_https_issuers_keys_are_read_over_https_only(
    issuer: str, jwks_uri: str, allowed: bool
) -> None:
    if allowed:
        assert trust.keys_address(issuer, jwks_uri) == jwks_uri
    else:
        with pytest.raises(ValueError, match="must be https too"):
            trust.keys_address(issuer, jwks_uri)


def test_a_bad_address_is_reported_not_raised(served: str, settings: Any) -> None:
    settings.CREDENTIALS_TRUSTED_ISSUERS = ("https://es.example:84x3/issuer",)

    (check,) = trust.check_foreign_issuers()

    assert check.kids == () and check.problem
