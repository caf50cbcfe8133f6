# SPDX-License-Identifier: EUPL-1.2
"""The operator's (Django admin's) second factor: enrolment on first sign-in, and the demo.

The admin signs in with the officials' password + TOTP check (`officials.sign_in`), with the
same throttling. A staff account without a second factor yet enrols on its first sign-in with
the right password: a new secret is shown once (QR code and text) and counts only after a
valid code from it has been typed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pyotp
import segno
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from lifegate.identity import models, officials

ISSUER = "lifegate"
ENROLMENT_SECONDS = 600


@dataclass(frozen=True)
class Enrolment:
    """A pending enrolment, kept in the server-side session until it is confirmed."""

    user_id: int
    username: str
    secret: str
    until: int

    @classmethod
    def start(cls, user_id: int, username: str) -> Enrolment:
        return cls(user_id, username, pyotp.random_base32(), int(time.time()) + ENROLMENT_SECONDS)

    @classmethod
    def from_session(cls, data: Any) -> Enrolment | None:
        if not isinstance(data, dict):
            return None
        try:
            pending = cls(**data)
        except TypeError:
            return None
        return pending if pending.until >= time.time() else None

    @property
    def uri(self) -> str:
        return provisioning_uri(self.secret, self.username)


def provisioning_uri(secret: str, username: str) -> str:
    """The `otpauth://` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(text: str) -> str:
    """An inline SVG QR code of `text` (segno's own markup, no user input in it)."""
    svg: str = segno.make(text, error="m").svg_inline(scale=4, light="#fff")
    return svg


def is_staff(user_id: int) -> bool:
    return get_user_model().objects.filter(pk=user_id, is_staff=True, is_active=True).exists()


def confirm(pending: Enrolment, code: str) -> bool:
    """Keep the secret as the account's second factor if `code` was made with it."""
    step = officials.matching_step(pending.secret, code, 0)
    if step is None:
        return False
    try:
        with transaction.atomic():
            models.OfficialProfile.objects.create(
                user_id=pending.user_id, totp_secret=pending.secret, last_totp_step=step
            )
    except IntegrityError:
        return False  # enrolled meanwhile (another tab): that secret stays, this one does not
    return True


def ensure_operator_second_factor(username: str) -> str:
    """Give a demo operator account its TOTP secret from LIFEGATE_HOME; returns the secret."""
    secret = officials.demo_totp_secret(f"operator-{username}-totp")
    user = get_user_model().objects.get(username=username)
    models.OfficialProfile.objects.update_or_create(user=user, defaults={"totp_secret": secret})
    return secret


def describe_operator(base: str, username: str, password: str, secret: str) -> str:
    """How the demo operator signs in, as `lifegate demo` prints it (demo secrets only)."""
    return "\n".join(
        [
            f"  Operator (admin)  {base}/nl/admin/",
            f"                    user {username!r}, password {password!r}, and a TOTP code",
            f"                    DEMO ONLY - TOTP secret {secret} "
            f"(code now: {pyotp.TOTP(secret).now()})",
            f"                    DEMO ONLY - for an authenticator app: "
            f"{provisioning_uri(secret, username)}",
        ]
    )
