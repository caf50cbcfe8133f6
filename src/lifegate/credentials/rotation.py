# SPDX-License-Identifier: EUPL-1.2
"""An issuing organisation's signing key, rotated.

On schedule, the old key is retired: it stays in the organisation's published key set, so
every credential it signed keeps verifying until it expires, and new credentials and status
lists are signed with the new key. When a key is compromised, it is withdrawn: no verifier
trusts it any more, and every credential it signed is revoked, its holder told by message to
ask for a new one. Either way the status lists are signed again with the new key, verifiers
in this installation pick the new key set up at once (`trust.verifier` follows
`keystore.generation`), and the rotation is in the operators' audit trail.

A demo verifier's key signs only request objects, each when a wallet fetches it, so it is
always replaced outright: open requests are signed with the new key the next time a wallet
opens them (one a wallet already checked can still be answered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from lifegate.credentials import keystore, presentations, statuses, trust
from lifegate.credentials.models import CredentialStatus, IssuedCredential, StatusListRecord
from lifegate.resilience import services as audit

Progress = Callable[[int, int], None]  # (revoked so far, to revoke)


class UnknownIssuerError(ValueError):
    """The organisation signs no credentials in this installation."""


class UnknownVerifierError(ValueError):
    """No demo verifier has this name."""


@dataclass(frozen=True)
class IssuerKeys:
    organisation: str
    current_kid: str
    retired_kids: tuple[str, ...]


@dataclass(frozen=True)
class RotationReport:
    organisation: str
    rotation: keystore.Rotation
    status_lists: int  # signed again with the new key at their next request
    revoked: int  # credentials signed with a withdrawn key


def issuer_keys() -> list[IssuerKeys]:
    """Each issuing organisation's current key and the retired keys it still publishes."""
    found = []
    for organisation in trust.local_issuers():
        current, *retired = keystore.published_keys(f"issuer-{organisation}")
        found.append(IssuerKeys(organisation, current.kid, tuple(k.kid for k in retired)))
    return found


def rotate_issuer_key(
    organisation: str, *, compromised: bool, progress: Progress | None = None
) -> RotationReport:
    """Rotate `organisation`'s key; `compromised` withdraws the old one (see the module)."""
    if organisation not in trust.local_issuers():
        raise UnknownIssuerError(organisation)
    name = f"issuer-{organisation}"
    only_key_so_far = len(keystore.published_keys(name)) == 1
    with transaction.atomic():  # the key changes last: no audit trail, no rotation
        audit.record_official_action(
            actor=("system", "operator"),
            action="credentials.issuer-key." + ("withdraw" if compromised else "rotate"),
            target=("organisation", organisation),
        )
        lists = StatusListRecord.objects.filter(organisation=organisation).update(
            token="", token_fresh_until=0, version=F("version") + 1
        )
        rotation = keystore.rotate(name, withdraw=compromised)
    revoked = 0
    if compromised:
        signed = _signed_with(organisation, rotation.old_kid, unknown_too=only_key_so_far)
        revoked = _revoke(organisation, signed, progress)
    return RotationReport(organisation, rotation, lists, revoked)


def _signed_with(organisation: str, kid: str, *, unknown_too: bool) -> list[IssuedCredential]:
    """Credentials with a copy signed with `kid`, not yet revoked (by their first copies: new
    copies of a credential are signed with the key of their day). Those issued before
    lifegate kept the key (no kid) were signed with the organisation's first key: theirs
    when it had one."""
    signed_by = Q(signing_kid=kid) | Q(signing_kid="") if unknown_too else Q(signing_kid=kid)
    copies = IssuedCredential.objects.filter(signed_by, organisation=organisation)
    return list(
        IssuedCredential.objects.one_per_credential()
        .filter(Q(pk__in=copies.values("pk")) | Q(pk__in=copies.values("copy_of")))
        .exclude(status=CredentialStatus.REVOKED)
    )


def _revoke(organisation: str, rows: list[IssuedCredential], progress: Progress | None) -> int:
    for done, row in enumerate(rows, start=1):
        statuses.set_status(
            organisation, row.pk, CredentialStatus.REVOKED, by="operator: issuer key withdrawn"
        )
        if progress:
            progress(done, len(rows))
    return len(rows)


def verifier_keys() -> dict[str, str]:
    """Each demo verifier's name → the kid of the key its request objects are signed with.
    A verifier without a key yet gets one here, as at its first request (which, like any
    key change, makes this installation's verifier start afresh: `keystore.generation`)."""
    return {slug: keystore.signing_key(f"verifier-{slug}").kid for slug in presentations.VERIFIERS}


def rotate_verifier_key(verifier: str) -> keystore.Rotation:
    """Replace a demo verifier's key (see the module); in the operators' audit trail."""
    if verifier not in presentations.VERIFIERS:
        raise UnknownVerifierError(verifier)
    with transaction.atomic():  # the key changes last: no audit trail, no rotation
        audit.record_official_action(
            actor=("system", "operator"),
            action="credentials.verifier-key.rotate",
            target=("verifier", verifier),
        )
        return keystore.rotate(f"verifier-{verifier}", withdraw=True)
