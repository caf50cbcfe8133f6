# SPDX-License-Identifier: EUPL-1.2
"""Foreign issuers trusted by name: keys fetched on first use, kept for their age, fetched
again when the issuer rotates or withdraws a key, and never for an issuer not on the list."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from lifegate.credentials import (
    CredentialError,
    FetchedKeys,
    IssuerUnreachableError,
    PrivateKey,
    RefreshPolicy,
    Refusal,
    RemoteIssuers,
    SdJwt,
    StatusReference,
    Verifier,
    generate_private_key,
    issue_vc,
    public_jwk,
    sign_status_list,
)
from lifegate.credentials.vct import DIPLOMA
from tests.credentials.credentials_factory import (
    AUD,
    DIPLOMA_CLAIMS,
    ISSUER,
    NONCE,
    NOW,
    STATUS_URI,
    Demo,
    FakeStatusLists,
)

POLICY = RefreshPolicy(max_age=300, retry_after=10, max_stale=3600)


@dataclass
class FakeIssuerMetadata:
    """A foreign issuer's published keys, which a test changes, takes down or brings back."""

    keys: list[dict[str, Any]]
    max_age: int | None = None
    down: bool = False
    calls: list[str] = field(default_factory=list)

    def fetch(self, issuer: str) -> FetchedKeys:
        self.calls.append(issuer)
        if self.down:
            raise IssuerUnreachableError("connection refused")
        return FetchedKeys(list(self.keys), self.max_age)


@dataclass
class Clock:
    now: int = NOW

    def __call__(self) -> int:
        return self.now


def _jwk(key: PrivateKey, kid: str) -> dict[str, Any]:
    return public_jwk(key) | {"kid": kid}


def _credential(
    demo: Demo, key: PrivateKey, kid: str | None, status: StatusReference | None = None
) -> SdJwt:
    return issue_vc(
        DIPLOMA,
        DIPLOMA_CLAIMS,
        issuer=ISSUER,
        issuer_key=key,
        holder_jwk=public_jwk(demo.holder_key),
        iat=NOW - 60,
        exp=NOW + 86_400,
        status=status,
        kid=kid,
    )


def _setup(
    demo: Demo, metadata: FakeIssuerMetadata, *, local: dict[str, Any] | None = None
) -> tuple[Verifier, Clock]:
    clock = Clock()
    trusted = RemoteIssuers(local or {}, [ISSUER], metadata, clock, POLICY)
    return Verifier(trusted, FakeStatusLists(), clock), clock


def _check(verifier: Verifier, demo: Demo, credential: SdJwt, clock: Clock) -> Any:
    shown = demo.presentation(credential, iat=clock.now)
    return verifier.verify(shown.serialize(), nonce=NONCE, aud=AUD)


def test_keys_are_fetched_on_first_use_and_kept_for_their_age(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")])
    verifier, clock = _setup(demo, metadata)
    credential = _credential(demo, demo.issuer_key, "k1")
    assert metadata.calls == []  # nothing fetched before a credential needs it

    assert _check(verifier, demo, credential, clock).ok
    clock.now += 299
    assert _check(verifier, demo, credential, clock).ok
    assert metadata.calls == [ISSUER]

    clock.now += 1
    assert _check(verifier, demo, credential, clock).ok
    assert metadata.calls == [ISSUER, ISSUER]


def test_a_new_key_is_fetched_as_soon_as_a_credential_names_it(demo: Demo) -> None:
    old, new = demo.issuer_key, generate_private_key()
    metadata = FakeIssuerMetadata([_jwk(old, "k1")])
    verifier, clock = _setup(demo, metadata)
    assert _check(verifier, demo, _credential(demo, old, "k1"), clock).ok

    metadata.keys = [_jwk(old, "k1"), _jwk(new, "k2")]  # the issuer rotates
    clock.now += 10

    assert _check(verifier, demo, _credential(demo, new, "k2"), clock).ok
    assert _check(verifier, demo, _credential(demo, old, "k1"), clock).ok
    assert len(metadata.calls) == 2


def test_a_withdrawn_key_stops_being_trusted_once_the_keys_are_stale(demo: Demo) -> None:
    old, new = demo.issuer_key, generate_private_key()
    metadata = FakeIssuerMetadata([_jwk(old, "k1"), _jwk(new, "k2")])
    verifier, clock = _setup(demo, metadata)
    signed_with_old = _credential(demo, old, "k1")
    assert _check(verifier, demo, signed_with_old, clock).ok

    metadata.keys = [_jwk(new, "k2")]  # k1 was compromised and withdrawn
    clock.now += POLICY.max_age

    refused = _check(verifier, demo, signed_with_old, clock)
    assert not refused.ok and refused.reason == Refusal.BAD_SIGNATURE
    assert _check(verifier, demo, _credential(demo, new, "k2"), clock).ok


def test_made_up_key_ids_fetch_at_most_once_per_retry_interval(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")])
    verifier, clock = _setup(demo, metadata)
    assert _check(verifier, demo, _credential(demo, demo.issuer_key, "k1"), clock).ok
    forger = generate_private_key()

    reasons = {}
    for second in range(30):
        clock.now = NOW + second
        refused = _check(verifier, demo, _credential(demo, forger, f"forged-{second}"), clock)
        assert not refused.ok
        reasons[second] = refused.reason

    assert len(metadata.calls) == 1 + 2  # the first use, then at seconds 10 and 20 only
    # In a second the keys were fetched (0, 10, 20) the key id is known to be no key of the
    # issuer's: a bad signature. In between it may be a key added since: not known yet.
    assert reasons[0] == reasons[10] == reasons[20] == Refusal.BAD_SIGNATURE
    assert {reasons[s] for s in range(30) if s not in (0, 10, 20)} == {
        Refusal.ISSUER_KEYS_UNAVAILABLE
    }


def test_a_key_added_just_after_a_fetch_is_refused_as_not_known_yet(demo: Demo) -> None:
    old, new = demo.issuer_key, generate_private_key()
    metadata = FakeIssuerMetadata([_jwk(old, "k1")])
    verifier, clock = _setup(demo, metadata)
    assert _check(verifier, demo, _credential(demo, old, "k1"), clock).ok
    metadata.keys = [_jwk(old, "k1"), _jwk(new, "k2")]
    signed_with_new = _credential(demo, new, "k2")

    clock.now += 4
    refused = _check(verifier, demo, signed_with_new, clock)
    assert refused.reason == Refusal.ISSUER_KEYS_UNAVAILABLE
    assert refused.message.endswith("is not known yet; try again in 6 s")

    clock.now += 6
    assert _check(verifier, demo, signed_with_new, clock).ok


def test_while_the_issuer_is_down_its_last_keys_stand_in_for_a_while(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")])
    verifier, clock = _setup(demo, metadata)
    credential = _credential(demo, demo.issuer_key, "k1")
    assert _check(verifier, demo, credential, clock).ok

    metadata.down = True
    clock.now += POLICY.max_age
    assert _check(verifier, demo, credential, clock).ok

    clock.now = NOW + POLICY.max_stale
    refused = _check(verifier, demo, credential, clock)
    assert not refused.ok and refused.reason == Refusal.ISSUER_KEYS_UNAVAILABLE
    assert "try again later" in refused.message


def test_an_issuer_down_at_first_use_is_trusted_once_it_answers(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")], down=True)
    verifier, clock = _setup(demo, metadata)
    credential = _credential(demo, demo.issuer_key, "k1")

    refused = _check(verifier, demo, credential, clock)
    assert not refused.ok and refused.reason == Refusal.ISSUER_KEYS_UNAVAILABLE

    metadata.down = False
    clock.now += 5  # within retry_after: not asked again yet
    assert _check(verifier, demo, credential, clock).reason == Refusal.ISSUER_KEYS_UNAVAILABLE
    clock.now += 5
    assert _check(verifier, demo, credential, clock).ok
    assert len(metadata.calls) == 2


def test_an_issuer_not_on_the_list_is_never_fetched(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")])
    clock = Clock()
    trusted = RemoteIssuers({}, ["https://other.example"], metadata, clock, POLICY)
    verifier = Verifier(trusted, FakeStatusLists(), clock)

    refused = _check(verifier, demo, _credential(demo, demo.issuer_key, "k1"), clock)

    assert not refused.ok and refused.reason == Refusal.UNTRUSTED_ISSUER
    assert metadata.calls == []


def test_this_installations_own_issuers_are_never_fetched(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([])
    local = {ISSUER: {"k1": demo.issuer_key.public_key()}}
    verifier, clock = _setup(demo, metadata, local=local)

    assert _check(verifier, demo, _credential(demo, demo.issuer_key, "k1"), clock).ok
    assert metadata.calls == []


@pytest.mark.parametrize(
    ("issuer_max_age", "kept"),
    [(None, 300), (60, 60), (3600, 300), (0, 10)],
    ids=["policy", "issuer-shorter", "policy-shorter", "no-store-floored-at-retry"],
)
def test_the_issuer_may_ask_for_a_shorter_age(
    demo: Demo, issuer_max_age: int | None, kept: int
) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")], max_age=issuer_max_age)
    verifier, clock = _setup(demo, metadata)
    credential = _credential(demo, demo.issuer_key, "k1")

    for at in (0, kept - 1, kept):
        clock.now = NOW + at
        assert _check(verifier, demo, credential, clock).ok

    assert len(metadata.calls) == 2


@pytest.mark.parametrize(
    "published",
    [
        [],
        [{"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "r"}],
        [{"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA", "kid": "p384"}],
    ],
    ids=["no-keys", "rsa-only", "other-curve"],
)
def test_an_issuer_publishing_no_usable_key_is_unavailable(
    demo: Demo, published: list[dict[str, Any]]
) -> None:
    verifier, clock = _setup(demo, FakeIssuerMetadata(published))

    refused = _check(verifier, demo, _credential(demo, demo.issuer_key, "k1"), clock)

    assert not refused.ok and refused.reason == Refusal.ISSUER_KEYS_UNAVAILABLE


def test_unusable_keys_beside_a_good_one_are_skipped(demo: Demo) -> None:
    published = [
        {"kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "r"},
        _jwk(demo.issuer_key, "k1") | {"d": "cHJpdmF0ZQ"},  # private material: refused
        _jwk(demo.issuer_key, "k2"),
    ]
    verifier, clock = _setup(demo, FakeIssuerMetadata(published))

    assert _check(verifier, demo, _credential(demo, demo.issuer_key, "k2"), clock).ok
    clock.now += POLICY.retry_after  # asked again: k1 is still not a key it can use
    refused = _check(verifier, demo, _credential(demo, generate_private_key(), "k1"), clock)
    assert refused.reason == Refusal.BAD_SIGNATURE


def test_a_slow_issuer_does_not_hold_up_another(demo: Demo) -> None:
    slow_issuer, other_key = "https://slow.example", generate_private_key()
    release, started = threading.Event(), threading.Event()

    class Fetcher:
        def fetch(self, issuer: str) -> FetchedKeys:
            if issuer == slow_issuer:
                started.set()
                release.wait(timeout=10)
                raise IssuerUnreachableError("timed out")
            return FetchedKeys([_jwk(other_key, "k1")])

    trusted = RemoteIssuers({}, [slow_issuer, ISSUER], Fetcher(), Clock(), POLICY)
    outcome: list[object] = []
    waiting = threading.Thread(target=lambda: outcome.append(_refusal(trusted, slow_issuer)))
    waiting.start()
    assert started.wait(timeout=10)

    assert trusted.keys_for(ISSUER, "k1")  # answered while the slow fetch still hangs
    assert waiting.is_alive()
    release.set()
    waiting.join(timeout=10)
    assert outcome == [Refusal.ISSUER_KEYS_UNAVAILABLE]


def test_while_one_verification_fetches_the_others_use_the_keys_in_hand(demo: Demo) -> None:
    release, started = threading.Event(), threading.Event()
    calls: list[int] = []

    class Fetcher:
        def fetch(self, issuer: str) -> FetchedKeys:
            calls.append(1)
            if len(calls) > 1:  # the refresh hangs; the first fetch answers at once
                started.set()
                release.wait(timeout=10)
            return FetchedKeys([_jwk(demo.issuer_key, "k1")])

    clock = Clock()
    trusted = RemoteIssuers({}, [ISSUER], Fetcher(), clock, POLICY)
    assert trusted.keys_for(ISSUER, "k1")
    clock.now += POLICY.max_age  # stale: the next verification fetches again
    refreshing = threading.Thread(target=lambda: trusted.keys_for(ISSUER, "k1"))
    refreshing.start()
    assert started.wait(timeout=10)

    (key,) = trusted.keys_for(ISSUER, "k1")  # the set in hand, while the refresh hangs
    assert key.public_numbers() == demo.issuer_key.public_key().public_numbers()
    assert refreshing.is_alive() and len(calls) == 2  # answered without a second fetch
    release.set()
    refreshing.join(timeout=10)


def _refusal(trusted: RemoteIssuers, issuer: str) -> object:
    try:
        trusted.keys_for(issuer, "k1")
    except CredentialError as error:
        return error.reason
    return None


def test_an_answer_without_keys_replaces_the_keys_held_at_once(demo: Demo) -> None:
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")])
    verifier, clock = _setup(demo, metadata)
    credential = _credential(demo, demo.issuer_key, "k1")
    assert _check(verifier, demo, credential, clock).ok

    metadata.keys = []  # every key withdrawn: an answer, not an outage
    clock.now += POLICY.max_age

    refused = _check(verifier, demo, credential, clock)
    assert refused.reason == Refusal.ISSUER_KEYS_UNAVAILABLE
    assert "publishes no P-256 key" in refused.message


def test_an_answer_that_gives_no_keys_is_not_mistaken_for_an_outage(demo: Demo) -> None:
    class Misconfigured(FakeIssuerMetadata):
        def fetch(self, issuer: str) -> FetchedKeys:
            if self.calls:
                self.calls.append(issuer)
                raise ValueError("issuer metadata does not describe this issuer")
            return super().fetch(issuer)

    metadata = Misconfigured([_jwk(demo.issuer_key, "k1")])
    verifier, clock = _setup(demo, metadata)
    credential = _credential(demo, demo.issuer_key, "k1")
    assert _check(verifier, demo, credential, clock).ok
    clock.now += POLICY.max_age

    refused = _check(verifier, demo, credential, clock)

    assert refused.reason == Refusal.ISSUER_KEYS_UNAVAILABLE
    assert "does not describe this issuer" in refused.message


def test_a_status_list_signed_with_a_new_key_fetches_the_keys_again(demo: Demo) -> None:
    new = generate_private_key()
    metadata = FakeIssuerMetadata([_jwk(demo.issuer_key, "k1")])
    clock = Clock()
    token = sign_status_list(demo.statuses, uri=STATUS_URI, key=new, iat=NOW, ttl=300, kid="k2")
    trusted = RemoteIssuers({}, [ISSUER], metadata, clock, POLICY)
    verifier = Verifier(trusted, FakeStatusLists({STATUS_URI: token}), clock)
    assert trusted.keys_for(ISSUER, "k1")  # keys held from before the rotation
    metadata.keys = [_jwk(demo.issuer_key, "k1"), _jwk(new, "k2")]
    clock.now += POLICY.retry_after
    status = StatusReference(STATUS_URI, demo.allocator.allocate())
    credential = _credential(demo, demo.issuer_key, "k1", status)

    assert _check(verifier, demo, credential, clock).ok
    assert len(metadata.calls) == 2


def test_keys_without_a_kid_are_all_kept(demo: Demo) -> None:
    other = generate_private_key()
    published = [public_jwk(demo.issuer_key), public_jwk(other)]  # neither has a kid
    verifier, clock = _setup(demo, FakeIssuerMetadata(published))

    assert _check(verifier, demo, _credential(demo, demo.issuer_key, None), clock).ok
