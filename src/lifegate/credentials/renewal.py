# SPDX-License-Identifier: EUPL-1.2
"""New copies of a credential already issued (OpenID4VCI re-issuance with a refresh token).

A wallet shows each copy to one verifier only; once it has shown them all, it asks for new
copies with the refresh token that came with its access token (`grant_type=refresh_token`
at the token endpoint), then calls the credential endpoint as before, one proof per copy.

New copies are the same credential: the same claims (the registries are read again, and a
credential whose registries now say something else is not renewed: the holder asks for a
new one), the same `iat` and `exp` (so a new copy cannot be told from the first ones), and
its status follows the first copy's. Each has its own key, salts and status index.

Refresh tokens are single use: each renewal hands out the next one. One used a second time
means someone else holds it too, so renewal of that credential stops altogether (RFC 9700
§4.14.2), unless it comes within a minute and nothing the first use gave has been used (the
answer was lost on its way: that answer is withdrawn and the wallet gets new tokens). Only
digests are stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from lifegate.credentials.models import CredentialStatus, IssuanceGrant, IssuedCredential

MAX_COPIES = 50  # of one credential, all renewals together: then the holder asks again
RETRY_WINDOW = dt.timedelta(seconds=60)  # a refresh token used again within it may be a retry
_CLAIMS_SALT = "lifegate.credentials.claims"


class RenewalRefusedError(Exception):
    """No new copies, and why (the OAuth `error_description`)."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


class RenewalPausedError(RenewalRefusedError):
    """No new copies for now: the credential is suspended, and the same refresh token gives
    them once the suspension is lifted (so a wallet keeps it)."""


def claims_digest(claims: dict[str, Any]) -> str:
    """Keyed (the installation's secret key), so the stored digest says nothing of the
    claims to whoever reads the table without the key."""
    return _claims_digest(claims, settings.SECRET_KEY)


def _claims_digest(claims: dict[str, Any], secret: str) -> str:
    canonical = orjson.dumps(claims, option=orjson.OPT_SORT_KEYS)
    return salted_hmac(_CLAIMS_SALT, canonical, secret=secret, algorithm="sha256").hexdigest()


def refresh(
    refresh_digest: str, access_digest: str, next_refresh_digest: str, lifetime: dt.timedelta
) -> None:
    """Token endpoint, refresh token grant: a grant for new copies of the credential the
    refresh token came with, carrying the next refresh token. Raises RenewalRefusedError."""
    now = timezone.now()
    with transaction.atomic():
        reused = _renew(refresh_digest, access_digest, next_refresh_digest, now + lifetime)
    if reused:  # raised once renewal is stopped for good (committed above)
        raise RenewalRefusedError("the refresh token was used before: renewal is stopped")


def _renew(
    refresh_digest: str, access_digest: str, next_refresh_digest: str, expires_at: dt.datetime
) -> bool:
    """The new grant; or True, having stopped renewal, when the token was used before."""
    grant = (
        IssuanceGrant.objects.select_for_update(of=("self",))  # not the credential (outer join)
        .select_related("renews", "credential")
        .filter(refresh_digest=refresh_digest)
        .first()
    )
    if grant is None:
        raise RenewalRefusedError("unknown refresh token")
    credential = grant.renews or grant.credential
    if credential is None:
        raise RenewalRefusedError("no credential is on record for it")
    now = timezone.now()
    if credential.renewal_stopped_at is not None:
        raise RenewalRefusedError("renewal is stopped: a refresh token of it was used twice")
    if grant.refresh_used_at is not None and not _answer_lost(grant, now):
        _stop(credential, now)
        return True
    check_renewable(credential, now, copies=1)
    grant.refresh_used_at = now
    grant.save(update_fields=["refresh_used_at"])
    IssuanceGrant.objects.create(
        token_digest=access_digest,
        offer_id=grant.offer_id,
        expires_at=expires_at,
        renews=credential,
        refresh_digest=next_refresh_digest,
        refreshed_from=grant,
    )
    return False


def _answer_lost(grant: IssuanceGrant, now: dt.datetime) -> bool:
    """A refresh token used again shortly after, when nothing it gave has been used: the
    answer to its first use never reached the wallet (a time-out, a second click). That
    answer's tokens are withdrawn and the wallet gets new ones, instead of renewal stopping."""
    assert grant.refresh_used_at is not None  # noqa: S101 - the caller checked
    if now - grant.refresh_used_at > RETRY_WINDOW:
        return False
    given = IssuanceGrant.objects.select_for_update().filter(refreshed_from=grant)
    if not given.exists():  # spent without an answer: withdrawn (a retry) or stopped
        return False
    used = given.filter(used_at__isnull=False).exists()
    if used or IssuanceGrant.objects.filter(refreshed_from__in=given).exists():
        return False  # the answer arrived: what it gave is in use
    given.update(refresh_used_at=now, expires_at=now)
    return True


def _stop(credential: IssuedCredential, now: dt.datetime) -> None:
    """No new copies of this credential ever after: every refresh token used up, and every
    access token for new copies not yet used withdrawn."""
    IssuedCredential.objects.filter(pk=credential.pk).update(renewal_stopped_at=now)
    family = IssuanceGrant.objects.filter(Q(renews=credential) | Q(credential=credential))
    family.filter(refresh_used_at__isnull=True).update(refresh_used_at=now)
    family.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)


def check_renewable(credential: IssuedCredential, now: dt.datetime, *, copies: int) -> None:
    """Raises RenewalRefusedError unless `copies` more copies of `credential` may be issued."""
    if credential.renewal_stopped_at is not None:
        raise RenewalRefusedError("renewal is stopped: a refresh token of it was used twice")
    if credential.status == CredentialStatus.REVOKED:
        raise RenewalRefusedError(f"the credential is {credential.status}")
    if credential.expires_at <= now:
        raise RenewalRefusedError("the credential has expired")
    held = IssuedCredential.objects.filter(Q(pk=credential.pk) | Q(copy_of=credential)).count()
    if held + copies > MAX_COPIES:
        raise RenewalRefusedError(f"{MAX_COPIES} copies of this credential were issued already")
    # Last: "ask again once it is reinstated" only when nothing else would refuse it then.
    if credential.status == CredentialStatus.SUSPENDED:
        raise RenewalPausedError("the credential is suspended: ask again once it is reinstated")
    if credential.status != CredentialStatus.VALID:
        raise RenewalRefusedError(f"the credential is {credential.status}")


def check_same_claims(
    credential: IssuedCredential, organisation: str, claims: dict[str, Any]
) -> None:
    """The registries must still say what the credential says, and the same organisation
    issue it; else the holder asks for a new one."""
    if organisation != credential.organisation:
        raise RenewalRefusedError("another organisation issues it now: ask for a new credential")
    if not any(credential.claims_digest == digest for digest in _claims_digests(claims)):
        raise RenewalRefusedError("the registries say something else now: ask for a new credential")


def _claims_digests(claims: dict[str, Any]) -> list[str]:
    """The claims' digest under the secret key and each key it replaced (a key rotation
    must not make every credential's registries seem to say something else)."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_claims_digest(claims, secret) for secret in secrets]
