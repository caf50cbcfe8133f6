# SPDX-License-Identifier: EUPL-1.2
"""One verifier serves a web server's threads at once. A status list that must be fetched
holds up only the verifications that need that list, and they share one fetch; when that
fetch fails they are all told so at once, and the next one tries again."""

from __future__ import annotations

import gc
import inspect
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from lifegate.credentials import (
    DIPLOMA,
    IndexAllocator,
    PrivateKey,
    Refusal,
    Refused,
    StatusList,
    StatusReference,
    TrustedIssuers,
    Verified,
    Verifier,
    generate_private_key,
    issue_vc,
    public_jwk,
    sign_status_list,
)
from tests.credentials.credentials_factory import (
    AUD,
    DIPLOMA_CLAIMS,
    ISSUER,
    KID,
    NONCE,
    NOW,
    STATUS_URI,
    Demo,
)

MUNICIPALITY = "https://groningen.example"
MUNICIPALITY_LIST = f"{MUNICIPALITY}/status-lists/1"
WAIT = 10.0  # seconds a thread may take before the test calls it stuck


@dataclass
class HeldBackLists:
    """Serves prepared status lists; the one at `held` is answered only once `gate` opens
    (a ConnectionError saying `failure` instead, if one is given)."""

    tokens: dict[str, str]
    held: str
    gate: threading.Event = field(default_factory=threading.Event)
    asked: threading.Event = field(default_factory=threading.Event)
    failure: str = ""
    calls: list[str] = field(default_factory=list)

    def fetch(self, uri: str) -> str:
        self.calls.append(uri)
        if uri == self.held:
            self.asked.set()
            assert self.gate.wait(WAIT), "the test never opened the gate"
            if self.failure:
                raise ConnectionError(self.failure)  # a new one each time, as a network gives
        return self.tokens[uri]


_STATUS_LIST_CODE = Verifier._status_list.__code__
_source, _first = inspect.getsourcelines(Verifier._status_list)
_LOCK_LINE = _first + next(i for i, line in enumerate(_source) if "self._list_locks" in line)


def _until_waiting_for_the_list(count: int) -> None:
    """Until `count` threads wait for a status list's lock: their innermost Python frame is
    `Verifier._status_list` at the line that takes it (the lock itself waits in C)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        frames = sys._current_frames().values()
        waiting = [f for f in frames if f.f_code is _STATUS_LIST_CODE and f.f_lineno == _LOCK_LINE]
        if len(waiting) >= count:
            return
        time.sleep(0.005)
    raise AssertionError(f"fewer than {count} verifications came to wait for the list")


@dataclass
class Desk:
    """DUO's demo issuer and a municipality, both trusted by one verifier."""

    duo: Demo = field(default_factory=Demo)
    municipality_key: PrivateKey = field(default_factory=generate_private_key)

    def verifier(self, lists: HeldBackLists, *, cache: int = 1024) -> Verifier:
        trusted = TrustedIssuers.from_jwks(
            {
                ISSUER: [public_jwk(self.duo.issuer_key) | {"kid": KID}],
                MUNICIPALITY: [public_jwk(self.municipality_key) | {"kid": "gm-1"}],
            }
        )
        return Verifier(trusted, lists, lambda: NOW, issuer_cache_size=cache)

    def lists(self, held: str) -> HeldBackLists:
        municipality_list = sign_status_list(
            StatusList(1024, bits=2),
            uri=MUNICIPALITY_LIST,
            key=self.municipality_key,
            iat=NOW - 10,
            exp=NOW + 3600,
            ttl=300,
            kid="gm-1",
        )
        tokens = {STATUS_URI: self.duo.status_token(), MUNICIPALITY_LIST: municipality_list}
        return HeldBackLists(tokens, held)

    def duo_presentation(self) -> str:
        return self.duo.presentation(self.duo.credential()).serialize()

    def municipality_presentation(self) -> str:
        credential = issue_vc(
            DIPLOMA,
            DIPLOMA_CLAIMS,
            issuer=MUNICIPALITY,
            issuer_key=self.municipality_key,
            holder_jwk=public_jwk(self.duo.holder_key),
            iat=NOW - 60,
            exp=NOW + 3600,
            status=StatusReference(MUNICIPALITY_LIST, IndexAllocator(1024).allocate()),
            kid="gm-1",
        )
        return self.duo.presentation(credential).serialize()


@pytest.fixture
def desk() -> Desk:
    return Desk()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=5) as executor:
        yield executor


def _verify(verifier: Verifier, presentation: str) -> Callable[[], Verified | Refused]:
    return lambda: verifier.verify(presentation, nonce=NONCE, aud=AUD)


def _duo_check_held_back(
    desk: Desk, pool: ThreadPoolExecutor, lists: HeldBackLists
) -> tuple[Verifier, Future[Verified | Refused]]:
    """A verifier, and a check of a DUO diploma it runs that waits for DUO's status list."""
    verifier = desk.verifier(lists)
    waiting = pool.submit(_verify(verifier, desk.duo_presentation()))
    assert lists.asked.wait(WAIT)
    return verifier, waiting


def test_a_list_being_fetched_holds_up_no_verification_that_needs_another(
    desk: Desk, pool: ThreadPoolExecutor
) -> None:
    lists = desk.lists(held=STATUS_URI)
    verifier, waiting = _duo_check_held_back(desk, pool, lists)

    other = pool.submit(_verify(verifier, desk.municipality_presentation())).result(WAIT)

    assert other.ok and not waiting.done()
    lists.gate.set()
    assert waiting.result(WAIT).ok


def test_verifications_that_need_the_same_list_share_one_fetch(
    desk: Desk, pool: ThreadPoolExecutor
) -> None:
    lists = desk.lists(held=STATUS_URI)
    verifier, first = _duo_check_held_back(desk, pool, lists)
    others = [pool.submit(_verify(verifier, desk.duo_presentation())) for _ in range(3)]
    _until_waiting_for_the_list(3)

    lists.gate.set()

    assert all(f.result(WAIT).ok for f in [first, *others])
    assert lists.calls == [STATUS_URI]


def test_when_the_shared_fetch_fails_those_waiting_are_refused_and_the_next_tries_again(
    desk: Desk, pool: ThreadPoolExecutor
) -> None:
    lists = desk.lists(held=STATUS_URI)
    lists.failure = "status list server did not answer"
    verifier, first = _duo_check_held_back(desk, pool, lists)
    waiting = [pool.submit(_verify(verifier, desk.duo_presentation())) for _ in range(2)]
    _until_waiting_for_the_list(2)

    lists.gate.set()

    refused = [f.result(WAIT) for f in [first, *waiting]]
    assert [r.reason for r in refused if isinstance(r, Refused)] == [Refusal.STATUS_UNAVAILABLE] * 3
    assert all("did not answer" in r.message for r in refused if isinstance(r, Refused))
    assert lists.calls == [STATUS_URI]  # those waiting did not each wait for a fetch of their own
    lists.failure = ""
    assert _verify(verifier, desk.duo_presentation())().ok
    assert lists.calls == [STATUS_URI, STATUS_URI]


def test_many_threads_keep_the_issuer_signature_cache_within_its_bound(
    desk: Desk, pool: ThreadPoolExecutor
) -> None:
    lists = desk.lists(held="nothing is held back")
    verifier = desk.verifier(lists, cache=8)
    presentations = [desk.duo_presentation() for _ in range(120)]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up
    try:
        results = list(pool.map(lambda p: _verify(verifier, p)(), presentations * 2))
    finally:
        sys.setswitchinterval(switching)

    assert all(result.ok for result in results)
    assert 0 < len(verifier._issued) <= 8


def _reaches(root: object, target: str, limit: int = 200_000) -> bool:
    """Whether `target` can be reached from `root` through the objects it refers to (not
    through modules, classes or functions, which reach everything)."""
    seen, todo = {id(root)}, [root]
    while todo and len(seen) < limit:
        for found in gc.get_referents(todo.pop()):
            if found is target:
                return True
            if id(found) in seen or isinstance(found, type | types.ModuleType | types.FunctionType):
                continue
            seen.add(id(found))
            todo.append(found)
    return False


def test_a_failed_fetch_keeps_nothing_of_the_presentation_that_waited_for_it(desk: Desk) -> None:
    lists = desk.lists(held=STATUS_URI)
    lists.failure, lists.gate = "status list server did not answer", threading.Event()
    lists.gate.set()
    verifier = desk.verifier(lists)
    presentation = desk.duo_presentation()

    refused = _verify(verifier, presentation)()

    assert isinstance(refused, Refused) and refused.reason == Refusal.STATUS_UNAVAILABLE
    assert not _reaches(verifier, presentation)  # no traceback, so no frame holding it
