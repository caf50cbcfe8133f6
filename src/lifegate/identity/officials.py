# SPDX-License-Identifier: EUPL-1.2
"""Officials: roles per organisation, TOTP second factor, and sign-in throttling.

Throttling follows OWASP's device-cookie pattern: at most 100 failed attempts per hour per
account from unknown devices, and separately per device that signed in to that account
before. An attacker can exhaust the unknown-device budget, but never lock out an official
who signs in from their own device (ASVS 2.2.1, no attacker-triggered lockout).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone

from lifegate.config.secrets import load_or_create_secret
from lifegate.identity import models
from lifegate.resilience import services as audit

FAILURE_LIMIT = 100
WINDOW = dt.timedelta(hours=1)
_DEVICE_SALT = "lifegate.identity.official-device"

DEMO_OFFICIALS: tuple[tuple[str, str], ...] = (
    ("gemeente-utrecht", "ambtenaar-utrecht"),
    ("svb", "ambtenaar-svb"),
    ("belastingdienst-toeslagen", "ambtenaar-toeslagen"),
    ("duo", "ambtenaar-duo"),
)


@dataclass(frozen=True)
class OfficialCredentials:
    organisation_id: str
    username: str
    password: str
    totp_secret: str


@dataclass(frozen=True)
class SignInResult:
    user_id: int | None
    device_cookie: str  # to set on success: this device is then known for this account
    enrolling_user_id: int | None = None  # right password, no second factor yet: enrol first


def account_key(username: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), username.strip().casefold().encode(), hashlib.sha256
    ).hexdigest()


def demo_totp_secret(name: str) -> str:
    # The stored secret is URL-safe text; TOTP wants base32, derived from it deterministically.
    raw = load_or_create_secret(settings.HOME, name, nbytes=32).encode()
    return base64.b32encode(hashlib.sha256(raw).digest()[:20]).decode()


def ensure_official(organisation_id: str, username: str) -> OfficialCredentials:
    """Create or refresh a demo official with a caseworker role; secrets come from LIFEGATE_HOME."""
    password = load_or_create_secret(settings.HOME, f"official-{username}-password", nbytes=12)
    totp_secret = demo_totp_secret(f"official-{username}-totp")
    with transaction.atomic():
        user, _created = get_user_model().objects.get_or_create(username=username)
        if not user.check_password(password):
            user.set_password(password)
            user.save()
        models.OfficialProfile.objects.update_or_create(
            user=user, defaults={"totp_secret": totp_secret}
        )
        models.OfficialRole.objects.get_or_create(
            user=user, organisation_id=organisation_id, role=models.OfficialRole.CASEWORKER
        )
        audit.record_official_action(
            actor=("system", "lifegate"),
            action="identity.official.ensure",
            target=("user", str(user.pk)),
        )
    return OfficialCredentials(organisation_id, username, password, totp_secret)


def ensure_demo_officials() -> list[OfficialCredentials]:
    return [ensure_official(org, name) for org, name in DEMO_OFFICIALS]


def _device_of(cookie: str, account: str) -> str:
    try:
        data = signing.loads(cookie, salt=_DEVICE_SALT)
    except signing.BadSignature:
        return ""
    if not isinstance(data, dict) or data.get("account") != account:
        return ""
    return str(data.get("device", ""))


def _failures(account: str, device: str) -> int:
    since = timezone.now() - WINDOW
    return models.SignInFailure.objects.filter(
        account_key=account, device_key=device, at__gte=since
    ).count()


def matching_step(secret: str, code: str, after_step: int) -> int | None:
    """The time step of `code` for `secret` if it is valid now and newer than `after_step`."""
    totp = pyotp.TOTP(secret)
    now = timezone.now()
    for offset in (-1, 0, 1):  # one step of clock drift either way
        moment = now + dt.timedelta(seconds=offset * totp.interval)
        step = totp.timecode(moment)
        if step > after_step and hmac.compare_digest(totp.at(moment), code.strip()):
            return int(step)
    return None


def has_second_factor(user_id: int) -> bool:
    return models.OfficialProfile.objects.filter(user_id=user_id).exists()


def _totp_ok(user_id: int, code: str) -> bool:
    profile = models.OfficialProfile.objects.select_for_update().filter(user_id=user_id).first()
    if profile is None:
        return False
    step = matching_step(profile.totp_secret, code, profile.last_totp_step)
    if step is None:
        return False
    profile.last_totp_step = step  # a code is accepted once (ASVS 2.8.4)
    profile.save(update_fields=["last_totp_step"])
    return True


def throttled(username: str, device_cookie: str) -> bool:
    account = account_key(username)
    return _failures(account, _device_of(device_cookie, account)) >= FAILURE_LIMIT


def record_failure(username: str, device_cookie: str) -> None:
    account = account_key(username)
    models.SignInFailure.objects.create(
        account_key=account, device_key=_device_of(device_cookie, account), at=timezone.now()
    )


def device_cookie_for(username: str, device_cookie: str) -> str:
    """The signed cookie that makes this device known for this account (kept if it was)."""
    account = account_key(username)
    device = _device_of(device_cookie, account) or secrets.token_urlsafe(16)
    return signing.dumps({"account": account, "device": device}, salt=_DEVICE_SALT)


def sign_in(
    username: str, password: str, code: str, device_cookie: str, *, enrolment: bool = False
) -> SignInResult:
    """Check password and TOTP code; every failure looks the same, whoever the account is.

    With `enrolment`, the right password for an account without a second factor yet gives
    `enrolling_user_id` (nobody is signed in): the caller shows a new secret to enrol.
    """
    if throttled(username, device_cookie):
        return SignInResult(None, "")
    user = authenticate(username=username, password=password)  # runs a hash even for no user
    if user is not None and enrolment and not has_second_factor(user.pk):
        return SignInResult(None, "", enrolling_user_id=user.pk)
    with transaction.atomic():
        if user is not None and _totp_ok(user.pk, code):
            return SignInResult(user.pk, device_cookie_for(username, device_cookie))
        record_failure(username, device_cookie)
    return SignInResult(None, "")


def organisations_of(user_id: int) -> list[str]:
    """The organisations an official works for (an official sees only their data)."""
    rows = models.OfficialRole.objects.filter(user_id=user_id).values_list(
        "organisation_id", flat=True
    )
    return sorted(set(rows))


def roles_of(user_id: int) -> list[tuple[str, str]]:
    rows = models.OfficialRole.objects.filter(user_id=user_id).order_by("organisation_id", "role")
    return [(r.organisation_id, r.role) for r in rows]


def describe_officials(credentials: list[OfficialCredentials]) -> str:
    """The demo officials' sign-in, as `lifegate demo` prints it (add the secret to an app)."""
    lines = ["Officials (sign in at /nl/ambtenaren/inloggen with a TOTP code):"]
    for c in credentials:
        lines.append(
            f"  {c.organisation_id:<26} user {c.username!r}, password {c.password!r}, "
            f"TOTP secret {c.totp_secret} (code now: {pyotp.TOTP(c.totp_secret).now()})"
        )
    return "\n".join(lines) + "\n"
