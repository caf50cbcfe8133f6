# SPDX-License-Identifier: EUPL-1.2
"""`auth.sign-in`: the officials' and the admin's sign-in throttle, never lock out, never tell.

For each form, over HTTP: an unknown account, a known one with a wrong password and a known
one with the right password but a wrong code get the same status and the same page (ASVS
2.2.1, no account enumeration), in similar time. An attacker from an unknown device who
reaches the failure limit is throttled (even the right password and code are refused, with
a message to wait), while the official from the device they signed in on before still gets in
(no attacker-triggered lockout). Runs inside the baseline's rolled-back transaction.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pyotp
from django.contrib.auth import get_user_model
from django.test import Client

from lifegate.baseline.checks.principals import throwaway_official
from lifegate.baseline.outcome import Outcome
from lifegate.identity import officials
from lifegate.identity.official_views import DEVICE_COOKIE

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
_THROTTLED = {400, 429}
_TOTP_SECONDS = 30  # a TOTP time step (pyotp's default, which officials' codes use)
_SLOWER = 3.0  # an unknown account may not answer this many times faster than a known one


@dataclass(frozen=True)
class Form:
    name: str
    path: str
    signed_in: str  # where a successful sign-in leads
    staff: bool  # the account must be staff (the admin)
    message: str  # what a refused or throttled visitor is told (Dutch page)


FORMS = (
    Form("officials' sign-in", "/nl/ambtenaren/inloggen", "/nl/ambtenaren/", False, "wacht"),
    Form("admin sign-in", "/nl/admin/login/", "/nl/admin/", True, "wacht"),
)


def _account(form: Form) -> officials.OfficialCredentials:
    username = f"baseline-{uuid.uuid4().hex[:10]}"
    made = throwaway_official("svb", username)
    if form.staff:
        get_user_model().objects.filter(username=username).update(is_staff=True)
    return made


def _code(secret: str, steps: int) -> str:
    return pyotp.TOTP(secret).at(time.time() + steps * _TOTP_SECONDS)


def _post(client: Client, form: Form, username: str, password: str, code: str) -> tuple[int, str]:
    answer = client.post(form.path, {"username": username, "password": password, "code": code})
    page = answer.content.decode(errors="replace").replace(username, "USERNAME")
    return answer.status_code, _CSRF.sub("", page) + answer.get("Location", "")


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def enumeration(form: Form, account: officials.OfficialCredentials) -> list[str]:
    """Problems where the answer tells a known account from an unknown one."""
    stranger = f"nobody-{uuid.uuid4().hex[:10]}"
    tries = {
        "an unknown account": (stranger, "wrong-password", "000000"),
        "a known account with a wrong password": (account.username, "wrong-password", "000000"),
        "a known account with the right password and a wrong code": (
            account.username,
            account.password,
            "000000",
        ),
    }
    answers = {what: _post(Client(), form, *given) for what, given in tries.items()}
    first, *rest = answers.items()
    problems = [
        f"{form.name}: {what} got {status}, {first[0]} got {first[1][0]}"
        if status != first[1][0]
        else f"{form.name}: {what} got another page than {first[0]}"
        for what, (status, page) in rest
        if (status, page) != first[1]
    ]
    if form.message not in first[1][1]:
        problems.append(f"{form.name}: a refused sign-in does not say what to do next")
    unknown, known = _fastest_answers(form, stranger, account.username)
    if unknown * _SLOWER < known:
        problems.append(
            f"{form.name}: unknown accounts answer in {unknown:.3f}s, known {known:.3f}s"
        )
    return problems


def _fastest_answers(form: Form, stranger: str, known: str, tries: int = 5) -> tuple[float, float]:
    """The fastest of a few refused sign-ins of each account, taken in turns: the fastest is
    what the code costs (a busy machine only adds to it), and turns share the machine's load
    between the two, so a moment of load cannot make one of them look slower."""
    times: dict[str, list[float]] = {stranger: [], known: []}
    for _ in range(tries):
        for username, taken in times.items():
            taken.append(_timed(partial(_post, Client(), form, username, "x", "0")))
    return min(times[stranger]), min(times[known])


def _step() -> int:
    return int(time.time() // _TOTP_SECONDS)


def own_device_sign_in(form: Form, account: officials.OfficialCredentials) -> tuple[int, Client]:
    """The official signs in on their own device with the previous step's code, so that the
    current and next steps stay fresh for the attacker's and the later sign-in. That code
    goes stale when a 30-second boundary passes during the request (a second or so of
    password hashing): then once more, with the new previous step's code."""
    for _attempt in range(2):
        started, device = _step(), Client()
        code = _code(account.totp_secret, -1)
        status, _ = _post(device, form, account.username, account.password, code)
        if status == 302 or _step() == started:
            break
    return status, device


def throttling(form: Form, account: officials.OfficialCredentials) -> tuple[list[str], str]:
    """Problems with throttling and lockout; and the status a throttled attacker got."""
    status, own_device = own_device_sign_in(form, account)
    if status != 302 or DEVICE_COOKIE not in own_device.cookies:
        return [f"{form.name}: the official could not sign in at all ({status})"], ""
    for _ in range(officials.FAILURE_LIMIT - 1):  # the attacker's earlier failures this hour
        officials.record_failure(account.username, "")
    attacker = Client()
    _post(attacker, form, account.username, "guess", "000000")  # the limit's last failure
    status, page = _post(
        attacker, form, account.username, account.password, _code(account.totp_secret, 0)
    )
    problems = []
    if status not in _THROTTLED or form.message not in page:
        problems.append(f"{form.name}: past the limit the right password got {status}, unthrottled")
    device = Client()  # the official's browser later: a new session, the device cookie kept
    device.cookies[DEVICE_COOKIE] = own_device.cookies[DEVICE_COOKIE].value
    again, _ = _post(
        device, form, account.username, account.password, _code(account.totp_secret, 1)
    )
    if again != 302:
        problems.append(f"{form.name}: the attacker locked the official out ({again})")
    return problems, str(status)


def sign_in_protection() -> Outcome:
    problems: list[str] = []
    proven: list[str] = []
    for form in FORMS:
        account = _account(form)
        problems += enumeration(form, account)
        found, status = throttling(form, account)
        problems += found
        proven.append(
            f"{form.name} ({form.path}): unknown account, wrong password and wrong code get the "
            f"same status and page in similar time; after {officials.FAILURE_LIMIT} failures "
            f"from unknown devices the right password is refused ({status}, told to wait), the "
            "official's own device still signs in"
        )
    return Outcome.of(problems, proven)
